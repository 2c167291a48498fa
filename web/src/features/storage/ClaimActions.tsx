/**
 * The claim page's writes: expand (offered only when the claim is Bound and its class allows
 * expansion; otherwise disabled with the reason) and delete (a warning naming the pods that use
 * the claim and what the volume's reclaim policy will do to the data, before anything is sent).
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { storageSizeProblem } from '../../../../server/kube/storageSize.ts';
import { parseQuantity } from '../../../../server/kube/quantity.ts';
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { listHref } from '../../app/objectLinks.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from '../workloads/ActionError.tsx';
import { useAction } from '../workloads/useAction.ts';
import { storageApi } from './storageApi.ts';

/** Why the claim cannot be expanded, or undefined when it can. */
export function expandBlocked(d: ClaimDetail): MessageKey | undefined {
  if (d.status === 'Terminating') return 'claimExpand.blocked.terminating';
  if (!d.storageClass) return 'claimExpand.blocked.noClass';
  if (!d.storageClass.found) return 'claimExpand.blocked.classMissing';
  if (!d.storageClass.allowVolumeExpansion) return 'claimExpand.blocked.classForbids';
  if (d.phase !== 'Bound') return 'claimExpand.blocked.notBound';
  return undefined;
}

export function ClaimActions({ detail, context, onDone }: { detail: ClaimDetail; context: string; onDone(): void }) {
  const t = useT();
  const [open, setOpen] = useState<'expand' | 'delete'>();
  const blocked = expandBlocked(detail);
  const why = blocked ? t(blocked, { class: detail.storageClass?.name ?? '' }) : undefined;
  return (
    <>
      <div className="storage-actions">
        <button type="button" className="button" disabled={!!blocked} title={why} onClick={() => setOpen('expand')} data-testid="claim-expand">
          {t('claimExpand.open')}
        </button>
        <button type="button" className="button button--danger" disabled={!!detail.deletionTimestamp} onClick={() => setOpen('delete')} data-testid="claim-delete">
          {t('claimDelete.open')}
        </button>
      </div>
      {why && (
        <p className="muted storage-note" data-testid="claim-expand-blocked">
          {why}
        </p>
      )}
      {open === 'expand' && (
        <ExpandClaimDialog
          detail={detail}
          context={context}
          onClose={() => setOpen(undefined)}
          onDone={() => {
            setOpen(undefined);
            onDone();
          }}
        />
      )}
      {open === 'delete' && <DeleteClaimDialog detail={detail} context={context} onClose={() => setOpen(undefined)} onDone={onDone} />}
    </>
  );
}

function ExpandClaimDialog({ detail, context, onClose, onDone }: { detail: ClaimDetail; context: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const [size, setSize] = useState(detail.requested ?? '');
  const action = useAction(onDone);
  const problem = storageSizeProblem(size);
  const grows = !problem && parseQuantity(size) > parseQuantity(detail.requested ?? '0');
  return (
    <section className="panel dialog" role="dialog" aria-labelledby="claim-expand-title" data-testid="claim-expand-dialog">
      <h2 id="claim-expand-title" className="panel__title">
        {t('claimExpand.title', { name: detail.name })}
      </h2>
      <p className="muted">{t('claimExpand.explain', { requested: detail.requested ?? '—', class: detail.storageClass?.name ?? '' })}</p>
      <label className="field">
        <span className="field__label">{t('claimExpand.size')}</span>
        <input className="input mono" value={size} onChange={(e) => setSize(e.target.value)} spellCheck={false} aria-invalid={!!problem || !grows} data-testid="claim-expand-size" />
      </label>
      {problem ? (
        <p className="tone tone--bad">{t(`storageSize.${problem}`)}</p>
      ) : (
        !grows && <p className="tone tone--bad">{t('claimExpand.mustGrow', { requested: detail.requested ?? '—' })}</p>
      )}
      <ActionError error={action.error} context={context} />
      <div className="dialog__buttons">
        <button
          type="button"
          className="button"
          disabled={!!problem || !grows || action.busy}
          onClick={() => void action.run(() => storageApi.expand(context, detail.namespace, detail.name, size, detail.requested ?? '0', { uid: detail.uid, resourceVersion: detail.resourceVersion }), t('claimExpand.done', { name: detail.name, size }))}
          data-testid="claim-expand-confirm"
        >
          {t('claimExpand.confirm')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </section>
  );
}

function DeleteClaimDialog({ detail, context, onClose, onDone }: { detail: ClaimDetail; context: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const action = useAction(onDone);
  const policy = detail.volume?.found ? detail.volume.reclaimPolicy : undefined;
  const users = detail.pods.map((p) => p.name);
  const workloads = [...new Set(detail.pods.flatMap((p) => (p.workload ? [`${p.workload.kind} ${p.workload.name}`] : [])))];
  return (
    <section className="panel dialog" role="dialog" aria-labelledby="claim-delete-title" data-testid="claim-delete-dialog">
      <h2 id="claim-delete-title" className="panel__title">
        {t('claimDelete.title', { name: detail.name })}
      </h2>
      {users.length > 0 ? (
        <p className="tone tone--bad" data-testid="claim-delete-users">
          {t('claimDelete.inUse', { pods: users.join(', ') })}
        </p>
      ) : (
        <p className="muted" data-testid="claim-delete-users">
          {t('claimDelete.unused')}
        </p>
      )}
      {workloads.length > 0 && <p data-testid="claim-delete-workloads">{t('claimDelete.workloads', { workloads: workloads.join(', ') })}</p>}
      <p data-testid="claim-delete-data">
        {policy === 'Delete' || policy === 'Retain' || policy === 'Recycle'
          ? t(`claimDelete.data.${policy}`, { volume: detail.volume?.name ?? '' })
          : detail.volume
            ? t('claimDelete.data.unknown', { volume: detail.volume.name })
            : t('claimDelete.data.none')}
      </p>
      <label className="field">
        <span className="field__label">{t('delete.typeName', { name: detail.name })}</span>
        <input className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" data-testid="delete-name" />
      </label>
      <ActionError error={action.error} context={context} />
      <div className="dialog__buttons">
        <button
          type="button"
          className="button button--danger"
          disabled={typed !== detail.name || action.busy}
          onClick={async () => {
            const ok = await action.run(() => storageApi.remove(context, detail.namespace, detail.name, { uid: detail.uid, resourceVersion: detail.resourceVersion }), t('delete.done', { name: detail.name }));
            // A claim in use stays (Terminating) until its pods are gone: the page stays to show it.
            if (ok) {
              onClose();
              if (users.length === 0) navigate(listHref(context, { group: '', plural: 'persistentvolumeclaims' }));
            }
          }}
          data-testid="delete-confirm"
        >
          {t('delete.confirm')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </section>
  );
}
