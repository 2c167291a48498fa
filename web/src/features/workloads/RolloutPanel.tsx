/**
 * The live rollout of a Deployment: new vs old ReplicaSets ready/desired, the RollingUpdate
 * bounds, the progress-deadline countdown, and the outcome with a one-click roll back.
 */
import type { DeploymentRollout } from '../../../../server/views/workloads/rolloutStatus.ts';
import { formatAge } from '../../components/formatAge.ts';
import { useNow } from '../../components/useNow.ts';
import { Link } from 'react-router';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PhraseText } from '../../i18n/PhraseText.tsx';
import { RichText } from '../../i18n/RichText.tsx';
import { Meter } from './Meter.tsx';
import { RolloutBadge } from './RolloutBadge.tsx';
import { deadlineLeft, rolloutBounds } from './rolloutDeadline.ts';
import { rolloutPhrase } from './rolloutPhrase.ts';
import { readyTone } from './rolloutTone.ts';

interface Props {
  rollout: DeploymentRollout;
  /** The page of a ReplicaSet of this rollout, by name. */
  replicaSetPath(name: string): string;
  /** Present when a roll back is possible; `denied` explains a disabled button. */
  rollback?: { run(): void; busy: boolean; denied?: string };
}

export function RolloutPanel({ rollout, rollback, replicaSetPath }: Props) {
  const t = useT();
  const now = useNow();
  const left = rollout.state === 'progressing' ? deadlineLeft(rollout.deadlineAt, now) : undefined;
  const bounds = rolloutBounds(rollout.desired, rollout.bounds);
  const oldPods = rollout.oldReplicaSets.reduce((n, rs) => n + rs.replicas, 0);
  const totalPods = (rollout.newReplicaSet?.replicas ?? 0) + oldPods;
  const rs = rollout.newReplicaSet;
  return (
    <section className="panel rollout" aria-labelledby="rollout-title" data-testid="rollout-panel" data-state={rollout.state} data-reason={rollout.reason}>
      <h2 id="rollout-title" className="panel__title">
        {t('rollout.title')} <RolloutBadge rollout={rollout} />
      </h2>
      <p className="rollout__message" data-testid="rollout-message">
        <PhraseText phrase={rolloutPhrase(rollout.explanation)} />
      </p>
      {rs && (
        <div className="rollout__rs" data-testid="rollout-new">
          <span className="rollout__label">
            <RichText text={t('rollout.newRs', { revision: rs.revision })} parts={{ name: <Link to={replicaSetPath(rs.name)}>{rs.name}</Link> }} />
          </span>
          <Meter value={rs.ready} max={rollout.desired} tone={readyTone(rs.ready, rollout.desired)} label={t('rollout.readyOf', { ready: rs.ready, desired: rollout.desired })} />
          <span className="mono">{t('rollout.readyOf', { ready: rs.ready, desired: rollout.desired })}</span>
        </div>
      )}
      {rollout.oldReplicaSets.map((o) => (
        <div className="rollout__rs" key={o.name} data-testid="rollout-old">
          <span className="rollout__label">
            <RichText text={t('rollout.oldRs', { revision: o.revision })} parts={{ name: <Link to={replicaSetPath(o.name)}>{o.name}</Link> }} />
          </span>
          <Meter value={o.ready} max={Math.max(o.replicas, 1)} tone="muted" label={t('rollout.oldPods', { replicas: o.replicas, ready: o.ready })} />
          <span className="mono">{t('rollout.oldPods', { replicas: o.replicas, ready: o.ready })}</span>
        </div>
      ))}
      <ul className="rollout__facts">
        {bounds && rollout.bounds && (
          <li data-testid="rollout-bounds">
            {t('rollout.bounds', {
              maxPods: bounds.maxPods,
              desired: rollout.desired,
              maxSurge: rollout.bounds.maxSurge,
              minAvailable: bounds.minAvailable,
              maxUnavailable: rollout.bounds.maxUnavailable,
            })}{' '}
            <span className="muted">{t('rollout.now', { pods: totalPods, available: rollout.available })}</span>
          </li>
        )}
        {left && (
          <li data-testid="rollout-deadline" className={left.passed ? 'tone tone--bad' : undefined}>
            {left.passed ? t('rollout.deadlinePassed') : t('rollout.deadlineIn', { left: formatAge(left.seconds * 1000) })}
          </li>
        )}
      </ul>
      {rollout.state === 'failed' && rollback && (
        <div className="rollout__outcome">
          <button type="button" className="button button--danger" onClick={rollback.run} disabled={rollback.busy || !!rollback.denied} title={rollback.denied}>
            {t('rollout.rollBack')}
          </button>
          <span className="muted">{t('rollout.rollBackHint')}</span>
        </div>
      )}
    </section>
  );
}
