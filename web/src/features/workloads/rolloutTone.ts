/** The colour of a rollout state: complete is healthy, failed needs attention. */
import type { RolloutState } from '../../../../server/views/workloads/rolloutStatus.ts';

export type Tone = 'ok' | 'progress' | 'bad' | 'muted';

export function rolloutTone(state: RolloutState): Tone {
  switch (state) {
    case 'complete':
      return 'ok';
    case 'failed':
      return 'bad';
    case 'paused':
      return 'muted';
    case 'progressing':
      return 'progress';
  }
}

/** ready/desired as a tone: all ready is healthy, none of several is bad. */
export function readyTone(ready: number, desired: number): Tone {
  if (desired === 0) return 'muted';
  if (ready >= desired) return 'ok';
  return ready === 0 ? 'bad' : 'progress';
}
