/**
 * A Service's page section: the pods its selector picks, each linked to its page and marked a
 * ready endpoint or not, with why; near misses when it picks none. Live: asked again whenever
 * the namespace's pods or endpoints change.
 */
import { useCallback } from 'react';
import { Link } from 'react-router';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { useLiveList } from '../../api/live.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { phrase, raw } from '../../i18n/phrase.ts';
import { PhraseText } from '../../i18n/PhraseText.tsx';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { endpointPhrase, missPhrase } from './referencePhrases.ts';
import { referencesApi } from './referencesApi.ts';
import { useTableSignal } from './useTableSignal.ts';
import './references.css';

const TONE = { ready: 'ok', notReady: 'progress', notListed: 'bad' } as const;

export function ServicePodsSection({ context, namespace = '', name }: { context: string; namespace?: string; name: string }) {
  const t = useT();
  const pods = useLiveList<PodRow>('pods', context, [namespace]);
  const signal = `${pods.status}:${JSON.stringify(pods.rows)}|${useTableSignal(context, namespace, 'endpoints')}|${useTableSignal(context, namespace, 'services')}`;
  const load = useCallback((abort: AbortSignal) => referencesApi.servicePods(context, namespace, name, abort), [context, namespace, name]);
  const { detail, error } = useRefreshingFetch(load, signal, `${context}/${namespace}/${name}`);
  const podHref = (pod: string) => objectHref(context, { group: '', plural: 'pods', namespace, name: pod });

  return (
    <section className="panel" aria-labelledby="service-pods-title" data-testid="service-pods">
      <h2 id="service-pods-title" className="panel__title">
        {t('svcPods.title')}
      </h2>
      {error && <StatusMessage status={error} context={context} />}
      {!detail ? (
        !error && <p className="muted">{t('svcPods.loading')}</p>
      ) : !detail.selector ? (
        <p className="muted" data-testid="service-no-selector">
          {t('svcPods.noSelector')}
        </p>
      ) : (
        <>
          <p>
            <PhraseText phrase={phrase('svcPods.selector', { selector: raw(Object.entries(detail.selector).map(([k, v]) => `${k}=${v}`).join(',')) })} />{' '}
            <span className="muted">{t(`svcPods.source.${detail.endpointsSource}`)}</span>
          </p>
          {detail.pods.length === 0 ? (
            <p className="tone tone--bad" data-testid="service-pods-none">
              {t('svcPods.none')}
            </p>
          ) : (
            <table className="grid references" data-testid="service-pods-table">
              <thead>
                <tr>
                  <th>{t('svcPods.col.pod')}</th>
                  <th>{t('svcPods.col.endpoint')}</th>
                  <th>{t('svcPods.col.why')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.pods.map((p) => (
                  <tr key={p.name} data-testid="service-pod" data-name={p.name} data-endpoint={p.endpoint}>
                    <td>
                      <Link className="mono" to={podHref(p.name)}>
                        {p.name}
                      </Link>{' '}
                      <span className="muted mono">{p.podIP ?? ''}</span>
                    </td>
                    <td className={`tone tone--${TONE[p.endpoint]}`}>{t(`svcPods.endpoint.${p.endpoint}`)}</td>
                    <td>
                      {p.notes.map((n, i) => (
                        <p key={i} className="references__note" data-code={n.code}>
                          <PhraseText phrase={endpointPhrase(n)} />
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {detail.nearMisses.length > 0 && (
            <>
              <h3 className="container__name">{t('svcPods.nearMisses')}</h3>
              <ul className="plain" data-testid="service-near-misses">
                {detail.nearMisses.map((m) => (
                  <li key={m.name}>
                    <Link className="mono" to={podHref(m.name)}>
                      {m.name}
                    </Link>
                    {': '}
                    {m.misses.map((x, i) => (
                      <span key={x.key}>
                        {i > 0 && t('list.semicolon')}
                        <PhraseText phrase={missPhrase(x)} />
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          {detail.otherAddresses.length > 0 && (
            <p className="muted">{t('svcPods.otherAddresses', { addresses: detail.otherAddresses.map((a) => a.target ?? a.ip).join(', ') })}</p>
          )}
        </>
      )}
    </section>
  );
}
