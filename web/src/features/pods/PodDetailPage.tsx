/**
 * A pod's page: status, QoS, node, IPs, owner chain, effective requests with the explanation,
 * containers with their last termination, volumes, conditions, events and, while Pending, why.
 * Live: it asks the BFF again whenever the pod's row on the live channel changes.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { useLiveList } from '../../api/live.ts';
import { viewPath } from '../../app/selection.ts';
import { Age } from '../../components/Age.tsx';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PhraseText, Raw } from '../../i18n/PhraseText.tsx';
import { terminalPath } from '../terminal/terminalLink.ts';
import { bytesAmount, cpuCores } from '../nodes/resourceAmount.ts';
import { ActionError } from '../workloads/ActionError.tsx';
import { DeleteDialog } from '../workloads/DeleteDialog.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { useAction } from '../workloads/useAction.ts';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { seenOn, workloadApi } from '../workloads/workloadApi.ts';
import { kindPath } from '../../app/objectLinks.ts';
import { claimPath } from '../storage/claimPath.ts';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { ReferencesSection } from '../references/ReferencesSection.tsx';
import { PendingReport } from './PendingReport.tsx';
import { requestsPhrase } from './pendingPhrases.ts';
import { PodContainers } from './PodContainers.tsx';
import { podStatusTone } from './podStatusTone.ts';
import '../workloads/workloads.css';

export function PodDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { context = '', ns = '', name = '' } = useParams();
  const pods = useLiveList<PodRow>('pods', context, [ns]);
  const row = useMemo(() => pods.rows.find((r) => r.key === `${ns}/${name}`), [pods.rows, ns, name]);
  const load = useCallback((abort: AbortSignal) => workloadApi.podDetail(context, ns, name, abort), [context, ns, name]);
  const { detail, error, refresh } = useRefreshingFetch(load, row ? JSON.stringify(row) : pods.status, `${context}/${ns}/${name}`);
  const [deleting, setDeleting] = useState(false);
  const evict = useAction(refresh);
  const names = useMemo(() => [`Pod/${name}`], [name]);
  const podsList = `${viewPath(context, 'pods')}?ns=${encodeURIComponent(ns)}`;
  const gone = isGone(error, detail);

  const bar = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={podsList}>{t('nav.pods')}</Link> / <span className="mono">{name}</span> <span className="muted">({ns})</span>
      </h1>
      <div className="action-bar">
        <Link className="button" to={terminalPath(context, { namespace: ns, pod: name })}>
          {t('nav.terminal')}
        </Link>
        <Link className="button" to={`${viewPath(context, `pods/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/logs`)}`}>
          {t('logs.title')}
        </Link>
        <button type="button" className="button" disabled={evict.busy || gone} onClick={() => void evict.run(() => workloadApi.evict(context, ns, name), t('pod.evicted', { name }))}>
          {t('pod.evict')}
        </button>
        <button type="button" className="button button--danger" disabled={gone} onClick={() => setDeleting(true)}>
          {t('actions.delete')}
        </button>
      </div>
    </div>
  );
  if (!detail) {
    return <DetailPending bar={bar} error={error} context={context} />;
  }
  const tone = podStatusTone({ status: detail.status, phase: detail.phase, readyContainers: detail.containers.filter((c) => c.ready).length, totalContainers: detail.containers.length });
  return (
    <section className={`page detail${gone ? ' detail--gone' : ''}`} data-testid="pod-detail">
      {bar}
      <DetailError error={error} context={context} kind="Pod" name={name} back={{ to: podsList, label: t('detail.backTo', { list: t('nav.pods') }) }} />
      <ActionError error={evict.error} context={context} />
      {deleting && (
        <DeleteDialog target={{ context, kind: 'pods', namespace: ns, name }} seen={seenOn(detail)} onClose={() => setDeleting(false)} onDeleted={() => navigate(podsList)} />
      )}
      {detail.pending?.pending && <PendingReport pending={detail.pending} />}
      <div className="detail__grid">
        <section className="panel" aria-labelledby="pod-overview-title">
          <h2 id="pod-overview-title" className="panel__title">
            {t('detail.overview')}
          </h2>
          <dl className="facts">
            <dt>{t('pods.col.status')}</dt>
            <dd className={`tone tone--${tone}`} data-testid="pod-status">
              {detail.status}
            </dd>
            <dt>{t('pod.qos')}</dt>
            <dd data-testid="pod-qos">{detail.qosClass}</dd>
            <dt>{t('pods.col.node')}</dt>
            <dd className="mono">{detail.node ?? <span className="muted">{t('pods.unscheduled')}</span>}</dd>
            <dt>{t('pod.ips')}</dt>
            <dd className="mono">{[...detail.podIPs, detail.hostIP ? `${t('pod.host')} ${detail.hostIP}` : ''].filter(Boolean).join(', ') || '—'}</dd>
            <dt>{t('pod.owners')}</dt>
            <dd data-testid="owner-chain">
              {detail.ownerChain.length === 0
                ? '—'
                : detail.ownerChain.map((o, i) => {
                    const to = kindPath(context, o.kind, ns, o.name);
                    return (
                      <span key={`${o.kind}/${o.name}`}>
                        {i > 0 && ' → '}
                        {to ? <Link to={to}>{`${o.kind}/${o.name}`}</Link> : `${o.kind}/${o.name}`}
                      </span>
                    );
                  })}
            </dd>
            <dt>{t('workloads.col.age')}</dt>
            <dd>
              <Age since={detail.creationTimestamp} />
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="pod-requests-title">
          <h2 id="pod-requests-title" className="panel__title">
            {t('pod.requests', { cpu: cpuCores(detail.requests.cpu ?? 0), memory: bytesAmount(detail.requests.memory ?? 0) })}
          </h2>
          <ul className="plain" data-testid="requests-explained">
            {detail.requestsExplained.map((r) => (
              <li key={r.resource}>
                <PhraseText phrase={requestsPhrase(r)} />
              </li>
            ))}
          </ul>
          <h3 className="container__name">{t('pod.volumes')}</h3>
          <ul className="plain mono" data-testid="volumes">
            {detail.volumes.map((v) => (
              <li key={v.name}>
                {v.name}: {v.type}
                {v.claimName ? (
                  <>
                    {` → ${t('pod.claim')} `}
                    <Link to={claimPath(context, ns, v.claimName)} data-testid="volume-claim-link">
                      {v.claimName}
                    </Link>
                  </>
                ) : v.source ? (
                  ` (${v.source})`
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <PodContainers containers={detail.containers} />
      {detail.conditions.length > 0 && (
        <section className="panel" aria-labelledby="pod-conditions-title">
          <h2 id="pod-conditions-title" className="panel__title">
            {t('detail.condition')}
          </h2>
          <table className="grid">
            <tbody>
              {detail.conditions.map((c) => (
                <tr key={c.type}>
                  <td>{c.type}</td>
                  <td className={`tone tone--${c.status === 'True' ? 'ok' : 'progress'}`}>{c.status}</td>
                  <td>{c.reason}</td>
                  <td>{c.message && <Raw>{c.message}</Raw>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ReferencesSection context={context} kind="pods" namespace={ns} name={name} version={detail.resourceVersion} />
      <EventsSection context={context} namespace={ns} names={names} />
      <LazyYamlSection target={{ context, kind: 'pods', namespace: ns, name }} liveVersion={detail.resourceVersion} />
    </section>
  );
}
