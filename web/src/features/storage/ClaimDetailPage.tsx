/**
 * A PersistentVolumeClaim's page: phase and why it is not Bound, requested vs actual capacity,
 * class, volume, provisioning with its annotations, the pods that mount it, events and YAML.
 * Live: it asks the BFF again when the claim's events or its pods' rows change.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { EventRow } from '../../../../server/views/events/eventRow.ts';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import type { ClaimRow } from '../../../../server/views/storage/claimRow.ts';
import { useLiveList } from '../../api/live.ts';
import { Age } from '../../components/Age.tsx';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { claimApi } from './claimApi.ts';
import { ClaimClassAndVolume, ClaimProvisioning } from './ClaimStorage.tsx';
import { ClaimUnboundReport } from './ClaimUnboundReport.tsx';
import { ClaimActions } from './ClaimActions.tsx';
import { ClaimMounts } from './ClaimMounts.tsx';
import { ClaimResize } from './ClaimResize.tsx';
import { storageTone } from './storageTone.ts';
import '../workloads/workloads.css';

/** What makes the page ask again: the claim itself changing, a new kind of event about it, or a change in a pod that mounts it. */
function useClaimSignal(context: string, ns: string, name: string, podNames: string): string {
  const events = useLiveList<EventRow>('events', context, [ns]);
  const pods = useLiveList<PodRow>('pods', context, [ns]);
  const claims = useLiveList<ClaimRow>('persistentvolumeclaims', context, [ns]);
  const claimVersion = claims.rows.find((r) => r.key === `${ns}/${name}`)?.resourceVersion ?? '';
  return useMemo(() => {
    // Reasons, not counts: the PV controller repeats WaitForFirstConsumer on every resync.
    const reasons = new Set(events.rows.filter((e) => e.object.kind === 'PersistentVolumeClaim' && e.object.name === name).map((e) => `${e.type}/${e.reason}`));
    const mounting = new Set(podNames.split(',').map((p) => `${ns}/${p}`));
    const podRows = pods.rows.filter((r) => mounting.has(r.key)).map((r) => `${r.key}=${r.status}/${r.node ?? ''}`);
    return JSON.stringify([events.status, [...reasons].sort(), podRows.sort(), claimVersion, pods.rows.length]);
  }, [events.rows, events.status, pods.rows, podNames, ns, name, claimVersion]);
}

export function ClaimDetailPage() {
  const t = useT();
  const { context = '', ns = '', name = '' } = useParams();
  const load = useCallback((abort: AbortSignal) => claimApi.detail(context, ns, name, abort), [context, ns, name]);
  const identity = `${context}/${ns}/${name}`;
  // The pods that mount the claim are known from the last answer; their live rows then drive the next.
  const [podNames, setPodNames] = useState('');
  const signal = useClaimSignal(context, ns, name, podNames);
  const { detail, error, refresh } = useRefreshingFetch(load, signal, identity);
  const mounting = detail?.pods.map((p) => p.name).join(',') ?? '';
  useEffect(() => setPodNames(mounting), [mounting]);
  const names = useMemo(() => [`PersistentVolumeClaim/${name}`], [name]);

  const bar = (
    <div className="page__bar">
      <h1 className="page__title">
        {t('claim.kind')} / <span className="mono">{name}</span> <span className="muted">({ns})</span>
      </h1>
    </div>
  );
  if (!detail) {
    return <DetailPending bar={bar} error={error} context={context} />;
  }
  const grantedDiffers = detail.actualAccessModes.length > 0 && detail.actualAccessModes.join() !== detail.accessModes.join();
  return (
    <section className={`page detail${isGone(error, detail) ? ' detail--gone' : ''}`} data-testid="claim-detail">
      {bar}
      <DetailError error={error} context={context} kind="PersistentVolumeClaim" name={name} />
      <ClaimActions detail={detail} context={context} onDone={refresh} />
      {detail.deletionTimestamp && (
        <p className="panel tone tone--progress" data-testid="claim-terminating">
          {t(detail.pods.length ? 'claim.terminatingInUse' : 'claim.terminating', { finalizers: detail.finalizers.join(', ') || '—', pods: detail.pods.map((p) => p.name).join(', ') })}
        </p>
      )}
      <ClaimUnboundReport detail={detail} context={context} />
      <ClaimResize detail={detail} />
      <div className="detail__grid">
        <section className="panel" aria-labelledby="claim-overview-title">
          <h2 id="claim-overview-title" className="panel__title">
            {t('claim.overview')}
          </h2>
          <dl className="facts">
            <dt>{t('claim.phase')}</dt>
            <dd className={`tone tone--${storageTone(detail.status)}`} data-testid="claim-phase">
              {detail.status}
            </dd>
            <dt>{t('claim.requested')}</dt>
            <dd className="mono" data-testid="claim-requested">
              {detail.requested ?? '—'}
            </dd>
            <dt>{t('claim.capacity')}</dt>
            <dd className="mono" data-testid="claim-capacity">
              {detail.capacity ?? <span className="muted">{t('claim.capacityNone')}</span>}
            </dd>
            <dt>{t('claim.accessModes')}</dt>
            <dd>
              {detail.accessModes.join(', ') || '—'}
              {grantedDiffers && <div className="muted">{t('claim.accessGranted', { modes: detail.actualAccessModes.join(', ') })}</div>}
            </dd>
            <dt>{t('claim.volumeMode')}</dt>
            <dd>{detail.volumeMode}</dd>
            <dt>{t('claim.age')}</dt>
            <dd>
              <Age since={detail.creationTimestamp} />
            </dd>
          </dl>
        </section>
        <ClaimClassAndVolume detail={detail} />
      </div>
      <ClaimProvisioning detail={detail} />
      <ClaimMounts detail={detail} context={context} />
      <EventsSection context={context} namespace={ns} names={names} />
      <LazyYamlSection target={{ context, kind: 'persistentvolumeclaims', namespace: ns, name }} liveVersion={detail.resourceVersion} />
    </section>
  );
}
