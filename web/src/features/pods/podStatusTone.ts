/** The colour a pod's STATUS gets: healthy, in progress, or needs attention. */
import type { PodRow } from '../../../../server/views/pods/podRow.ts';

export type Tone = 'ok' | 'progress' | 'bad' | 'muted';

const BAD = /BackOff|Err|Error|OOMKilled|Failed|Evicted|Unknown|DeadlineExceeded|NodeLost|Invalid|ContainerStatusUnknown|Init:(?!\d)/;
const PROGRESS = /^(Pending|ContainerCreating|PodInitializing|Init:\d|Terminating|SchedulingGated|NotReady)/;

export function podStatusTone(row: Pick<PodRow, 'status' | 'phase' | 'readyContainers' | 'totalContainers' | 'deletionTimestamp'>): Tone {
  if (row.deletionTimestamp || row.status === 'Terminating') return 'progress';
  if (row.status === 'Completed' || row.phase === 'Succeeded') return 'muted';
  if (BAD.test(row.status)) return 'bad';
  if (PROGRESS.test(row.status)) return 'progress';
  // Running but not every container ready: starting up or failing its readiness probe.
  if (row.status === 'Running') return row.readyContainers < row.totalContainers ? 'progress' : 'ok';
  return row.phase === 'Failed' ? 'bad' : 'progress';
}
