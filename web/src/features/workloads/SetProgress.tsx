/** Rollout progress of a StatefulSet (per ordinal, partition-aware) or a DaemonSet (per node). */
import type { DaemonSetRollout } from '../../../../server/views/workloads/daemonSetRollout.ts';
import type { StatefulSetRollout } from '../../../../server/views/workloads/statefulSetRollout.ts';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PhraseText } from '../../i18n/PhraseText.tsx';
import { RolloutBadge } from './RolloutBadge.tsx';
import { rolloutPhrase } from './rolloutPhrase.ts';

function Cell({ label, updated, ready, inScope, title }: { label: string; updated: boolean; ready: boolean; inScope: boolean; title: string }) {
  const tone = !inScope ? 'muted' : updated && ready ? 'ok' : updated ? 'progress' : 'pending';
  return (
    <li className={`slot slot--${tone}`} title={title}>
      {label}
    </li>
  );
}

/** The rollout panel of a StatefulSet or DaemonSet: badge, message, a summary line, one slot per pod. */
function SlotsPanel({ rollout, summary, children }: { rollout: StatefulSetRollout | DaemonSetRollout; summary: string; children: ReactNode }) {
  const t = useT();
  return (
    <section className="panel rollout" aria-labelledby="rollout-title" data-testid="rollout-panel" data-state={rollout.state}>
      <h2 id="rollout-title" className="panel__title">
        {t('rollout.title')} <RolloutBadge rollout={rollout} />
      </h2>
      <p className="rollout__message" data-testid="rollout-message">
        <PhraseText phrase={rolloutPhrase(rollout.explanation)} />
      </p>
      <p className="muted">{summary}</p>
      <ul className="slots">{children}</ul>
    </section>
  );
}

export function StatefulSetProgress({ rollout }: { rollout: StatefulSetRollout }) {
  const t = useT();
  return (
    <SlotsPanel rollout={rollout} summary={t('rollout.partition', { partition: rollout.partition, updated: rollout.updated, desired: rollout.desired, ready: rollout.ready })}>
      {rollout.ordinals.map((o) => (
        <Cell
          key={o.ordinal}
          label={String(o.ordinal)}
          updated={o.updated}
          ready={o.ready}
          inScope={o.inPartition}
          title={[o.pod ?? '—', o.revision, t(o.ready ? 'pod.ready' : 'pod.notReady'), o.inPartition ? undefined : t('rollout.belowPartition')].filter(Boolean).join(' · ')}
        />
      ))}
    </SlotsPanel>
  );
}

export function DaemonSetProgress({ rollout }: { rollout: DaemonSetRollout }) {
  const t = useT();
  return (
    <SlotsPanel rollout={rollout} summary={t('rollout.perNode', { updated: rollout.updated, desired: rollout.desired, available: rollout.available })}>
      {rollout.nodes.map((n) => (
        <Cell key={n.pod} label={n.node || '?'} updated={n.updated} ready={n.ready} inScope title={`${n.pod} · ${t(n.ready ? 'pod.ready' : 'pod.notReady')}`} />
      ))}
    </SlotsPanel>
  );
}
