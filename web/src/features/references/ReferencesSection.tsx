/**
 * What a workload's (or pod's) pods reference — ConfigMaps, Secrets, claims, the ServiceAccount —
 * each linked to its page, with where it is used; missing ones flagged with what that does to
 * the pods; a Secret's keys open in place. Then the Services selecting the pods, each opening
 * to its pods and endpoints. Kept live: the BFF is asked again when the workload or any object
 * of those kinds in the namespace changes.
 */
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { ReferencedObject } from '../../../../server/actions/references.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PhraseText } from '../../i18n/PhraseText.tsx';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { notePhrase, noteTone, usagePhrase } from './referencePhrases.ts';
import { referencesApi, type TemplateKind } from './referencesApi.ts';
import { SecretDataSection } from './SecretDataSection.tsx';
import { ServicePodsSection } from './ServicePodsSection.tsx';
import { useTableSignal } from './useTableSignal.ts';
import './references.css';

const STATE_TONE = { present: 'ok', missing: 'bad', forbidden: 'muted' } as const;

/** `version`: the workload's resourceVersion as the page shows it (a new template means new references). */
export function ReferencesSection({ context, kind, namespace, name, version }: { context: string; kind: TemplateKind; namespace: string; name: string; version?: string }) {
  const t = useT();
  const signal = [
    version ?? '',
    useTableSignal(context, namespace, 'configmaps'),
    useTableSignal(context, namespace, 'secrets'),
    useTableSignal(context, namespace, 'persistentvolumeclaims'),
    useTableSignal(context, namespace, 'serviceaccounts'),
    useTableSignal(context, namespace, 'services'),
  ].join('|');
  const load = useCallback((abort: AbortSignal) => referencesApi.references(context, kind, namespace, name, abort), [context, kind, namespace, name]);
  const { detail, error } = useRefreshingFetch(load, signal, `${context}/${kind}/${namespace}/${name}`);

  return (
    <section className="panel" aria-labelledby="references-title" data-testid="references">
      <h2 id="references-title" className="panel__title">
        {t('refs.title')}
      </h2>
      {error && <StatusMessage status={error} context={context} />}
      {!detail ? (
        !error && <p className="muted">{t('refs.loading')}</p>
      ) : (
        <>
          {detail.objects.length === 0 ? (
            <p className="muted">{t('refs.none')}</p>
          ) : (
            <table className="grid references" data-testid="references-table">
              <thead>
                <tr>
                  <th>{t('refs.col.object')}</th>
                  <th>{t('refs.col.state')}</th>
                  <th>{t('refs.col.usedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.objects.map((o) => (
                  <ReferenceRow key={`${o.kind}/${o.name}`} context={context} namespace={namespace} object={o} />
                ))}
              </tbody>
            </table>
          )}
          <h3 className="container__name">{t('refs.services')}</h3>
          {!detail.services ? (
            <p className="muted">{t('refs.servicesForbidden')}</p>
          ) : detail.services.length === 0 ? (
            <p className="muted" data-testid="references-services-none">
              {t('refs.servicesNone')}
            </p>
          ) : (
            <ul className="plain" data-testid="references-services">
              {detail.services.map((s) => (
                <SelectingServiceItem key={s.name} context={context} namespace={namespace} name={s.name} selector={s.selector} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function SelectingServiceItem({ context, namespace, name, selector }: { context: string; namespace: string; name: string; selector: Record<string, string> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="references-service" data-name={name}>
      <Link to={objectHref(context, { group: '', plural: 'services', namespace, name })} className="mono">
        {name}
      </Link>{' '}
      <span className="muted mono">{Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')}</span>{' '}
      <button type="button" className="button" aria-expanded={open} data-testid="references-service-toggle" onClick={() => setOpen(!open)}>
        {open ? t('refs.hidePods') : t('refs.showPods')}
      </button>
      {open && <ServicePodsSection context={context} namespace={namespace} name={name} />}
    </li>
  );
}

function ReferenceRow({ context, namespace, object: o }: { context: string; namespace: string; object: ReferencedObject }) {
  const t = useT();
  const [keysOpen, setKeysOpen] = useState(false);
  const bad = o.notes.some((n) => noteTone(n) === 'bad');
  const hasKeys = o.kind === 'Secret' && o.state === 'present';
  return (
    <>
      <tr data-testid="reference" data-kind={o.kind} data-name={o.name} data-state={o.state} data-flagged={bad}>
        <td>
          <span className="muted">{o.kind}</span>{' '}
          <Link className="mono" to={objectHref(context, { group: o.group, plural: o.plural, namespace, name: o.name })} data-testid="reference-link">
            {o.name}
          </Link>
          {!o.required && <span className="muted"> ({t('refs.optional')})</span>}
          {hasKeys && (
            <>
              {' '}
              <button type="button" className="button" aria-expanded={keysOpen} data-testid="reference-keys-toggle" onClick={() => setKeysOpen(!keysOpen)}>
                {keysOpen ? t('refs.hideKeys') : t('refs.showKeys')}
              </button>
            </>
          )}
        </td>
        <td className={`tone tone--${STATE_TONE[o.state]}`}>{t(`refs.state.${o.state}`)}</td>
        <td>
          <ul className="plain">
            {o.uses.map((u, i) => (
              <li key={i}>
                <PhraseText phrase={usagePhrase(u)} />
                {u.optional && <span className="muted"> ({t('refs.optional')})</span>}
              </li>
            ))}
          </ul>
          {o.notes.map((n, i) => (
            <p key={i} className={`references__note tone tone--${noteTone(n) === 'bad' ? 'bad' : 'muted'}`} data-testid="reference-note" data-code={n.code} role={noteTone(n) === 'bad' ? 'alert' : undefined}>
              <PhraseText phrase={notePhrase(n)} />
            </p>
          ))}
        </td>
      </tr>
      {keysOpen && (
        <tr>
          <td colSpan={3}>
            <SecretDataSection context={context} namespace={namespace} name={o.name} />
          </td>
        </tr>
      )}
    </>
  );
}
