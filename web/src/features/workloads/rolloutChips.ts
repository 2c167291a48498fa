/** The status chips the workload lists share: one per rollout state. */
import type { ListSpec } from '../../components/LiveListPage.tsx';
import type { Row } from '../../../../server/views/live/protocol.ts';
import type { RolloutState } from '../../../../server/views/workloads/rolloutStatus.ts';

export function rolloutChips<R extends Row & { rollout: { state: RolloutState } }>(): NonNullable<ListSpec<R>['chips']> {
  return {
    values: [
      { value: 'failed', label: 'rollout.failed', tone: 'bad' },
      { value: 'progressing', label: 'rollout.progressing', tone: 'progress' },
      { value: 'paused', label: 'rollout.paused', tone: 'muted' },
      { value: 'complete', label: 'rollout.complete', tone: 'ok' },
    ],
    of: (r) => r.rollout.state,
  };
}
