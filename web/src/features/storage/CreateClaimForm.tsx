/**
 * Create a claim from a form: namespace, name, size (a quantity with its unit, checked as it is
 * typed with the BFF's own rule), access mode, volume mode and class, the cluster's default
 * class preselected. On success the new claim's page opens.
 */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { invalidNameMessage } from '../../../../server/kube/names.ts';
import { storageSizeProblem } from '../../../../server/kube/storageSize.ts';
import type { StorageClassRow } from '../../../../server/views/storage/storageClassRow.ts';
import { useLiveList } from '../../api/live.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from '../workloads/ActionError.tsx';
import { useAction } from '../workloads/useAction.ts';
import { storageApi } from './storageApi.ts';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export function CreateClaimButton({ context, namespaces }: { context: string; namespaces: readonly string[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="claim-create-open">
        {t('claimCreate.open')}
      </button>
      {open && <CreateClaimForm context={context} namespace={namespaces.length === 1 ? namespaces[0] : 'default'} onClose={() => setOpen(false)} />}
    </>
  );
}

/** '' while the classes load; the default class once known. */
function useDefaultClass(classes: readonly StorageClassRow[]): string {
  return useMemo(() => classes.find((c) => c.isDefault)?.name ?? '', [classes]);
}

export function CreateClaimForm({ context, namespace: initialNs, onClose }: { context: string; namespace: string; onClose(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const classes = useLiveList<StorageClassRow>('storageclasses', context, []);
  const defaultClass = useDefaultClass(classes.rows);
  const [namespace, setNamespace] = useState(initialNs);
  const [name, setName] = useState('');
  const [size, setSize] = useState('1Gi');
  const [mode, setMode] = useState('ReadWriteOnce');
  const [volumeMode, setVolumeMode] = useState<'Filesystem' | 'Block'>('Filesystem');
  // undefined until the operator picks: then the default class shows as picked.
  const [picked, setPicked] = useState<string>();
  const cls = picked ?? defaultClass;
  const action = useAction();
  const sizeProblem = storageSizeProblem(size);
  const nameProblem = name ? invalidNameMessage('metadata.name', 'dns1123Subdomain', name) : undefined;
  const nsProblem = invalidNameMessage('metadata.namespace', 'dns1123Label', namespace);
  const invalid = !name || !!nameProblem || !!nsProblem || !!sizeProblem;
  const chosen = classes.rows.find((c) => c.name === cls);

  const submit = async () => {
    const ok = await action.run(
      () => storageApi.create(context, namespace, { name, storage: size, accessModes: [mode], volumeMode, ...(cls ? { storageClassName: cls } : {}) }),
      t('claimCreate.done', { name }),
    );
    if (ok) navigate(detailPath(context, 'persistentvolumeclaims', namespace, name));
  };

  return (
    <section className="panel dialog claim-form" role="dialog" aria-labelledby="claim-create-title" data-testid="claim-create">
      <h2 id="claim-create-title" className="panel__title">
        {t('claimCreate.title')}
      </h2>
      <label className="field">
        <span className="field__label">{t('claimCreate.namespace')}</span>
        <input className="input mono" value={namespace} onChange={(e) => setNamespace(e.target.value)} spellCheck={false} data-testid="claim-create-namespace" />
      </label>
      <label className="field">
        <span className="field__label">{t('claimCreate.name')}</span>
        <input className="input mono" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" data-testid="claim-create-name" />
      </label>
      {nameProblem && <p className="tone tone--bad">{nameProblem}</p>}
      <label className="field">
        <span className="field__label">{t('claimCreate.size')}</span>
        <input className="input mono" value={size} onChange={(e) => setSize(e.target.value)} spellCheck={false} aria-invalid={!!sizeProblem} data-testid="claim-create-size" />
      </label>
      {sizeProblem && (
        <p className="tone tone--bad" data-testid="claim-create-size-problem">
          {t(`storageSize.${sizeProblem}`)}
        </p>
      )}
      <label className="field">
        <span className="field__label">{t('claimCreate.class')}</span>
        <select className="input" value={cls} onChange={(e) => setPicked(e.target.value)} data-testid="claim-create-class">
          {classes.rows.map((c) => (
            <option key={c.name} value={c.name}>
              {c.isDefault ? t('claimCreate.classDefault', { name: c.name }) : c.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <p className="muted" data-testid="claim-create-class-facts">
          {t('claimCreate.classFacts', { provisioner: chosen.provisioner, binding: chosen.volumeBindingMode, reclaim: chosen.reclaimPolicy })}{' '}
          {chosen.allowVolumeExpansion ? t('claimCreate.expandable') : t('claimCreate.notExpandable')}
        </p>
      )}
      <label className="field">
        <span className="field__label">{t('claimCreate.accessMode')}</span>
        <select className="input" value={mode} onChange={(e) => setMode(e.target.value)} data-testid="claim-create-access">
          {ACCESS_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('claimCreate.volumeMode')}</span>
        <select className="input" value={volumeMode} onChange={(e) => setVolumeMode(e.target.value === 'Block' ? 'Block' : 'Filesystem')}>
          <option value="Filesystem">Filesystem</option>
          <option value="Block">Block</option>
        </select>
      </label>
      <ActionError error={action.error} context={context} />
      <div className="dialog__buttons">
        <button type="button" className="button" disabled={invalid || action.busy} onClick={() => void submit()} data-testid="claim-create-submit">
          {t('claimCreate.submit')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </section>
  );
}
