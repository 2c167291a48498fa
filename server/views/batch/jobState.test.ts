import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { jobBackoff, jobDeadline, jobDurationSeconds, jobFailure, jobProgress, jobProgressText, jobRunKind, jobStatus, lastFailedPod, podExit } from './jobState.ts';

const cond = (type: string, reason = '', at = '2026-01-01T00:01:00Z') => ({ type, status: 'True', reason, message: `${reason} message`, lastTransitionTime: at });

function job(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject {
  return { kind: 'Job', metadata: { name: 'j', namespace: 'batch', uid: 'u1' }, spec: { template: {}, ...spec }, status };
}

test('status comes from the conditions: Complete, Failed (also the interim FailureTarget), Suspended, Running, Pending', () => {
  assert.equal(jobStatus(job({}, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] })), 'Complete');
  assert.equal(jobStatus(job({}, { conditions: [cond('FailureTarget', 'BackoffLimitExceeded')] })), 'Failed');
  assert.equal(jobStatus(job({}, { conditions: [cond('FailureTarget'), cond('Failed', 'DeadlineExceeded')] })), 'Failed');
  assert.equal(jobStatus(job({ suspend: true }, { conditions: [cond('Suspended', 'JobSuspended')] })), 'Suspended');
  assert.equal(jobStatus(job({}, { startTime: '2026-01-01T00:00:00Z', active: 1, conditions: [{ type: 'Suspended', status: 'False' }] })), 'Running');
  assert.equal(jobStatus(job()), 'Pending');
});

test('the run kind follows completions and parallelism', () => {
  assert.equal(jobRunKind(job()), 'oneOff');
  assert.equal(jobRunKind(job({ completions: 1, parallelism: 1 })), 'oneOff');
  assert.equal(jobRunKind(job({ completions: 5, parallelism: 1 })), 'fixedCount');
  assert.equal(jobRunKind(job({ completions: 5, parallelism: 2 })), 'parallel');
  assert.equal(jobRunKind(job({ parallelism: 3 })), 'workQueue');
});

test('progress counts succeeded against completions, with completed indexes only for Indexed Jobs', () => {
  const p = jobProgress(job({ completions: 5, parallelism: 2, completionMode: 'Indexed' }, { succeeded: 3, active: 2, failed: 1, completedIndexes: '0-2' }));
  assert.deepEqual([p.succeeded, p.completions, p.active, p.failed, p.parallelism, p.completionMode, p.completedIndexes], [3, 5, 2, 1, 2, 'Indexed', '0-2']);
  assert.equal(jobProgressText(p), '3/5');
  assert.equal(jobProgressText(jobProgress(job({ parallelism: 3 }, { succeeded: 1 }))), '1');
  assert.equal(jobProgress(job({}, { completedIndexes: '1' })).completedIndexes, '');
});

test('duration runs to completionTime, to the Failed condition, or to now while running', () => {
  const start = '2026-01-01T00:00:00Z';
  assert.equal(jobDurationSeconds(job({}, { startTime: start, completionTime: '2026-01-01T00:02:05Z', conditions: [cond('Complete')] })), 125);
  assert.equal(jobDurationSeconds(job({}, { startTime: start, conditions: [cond('Failed', 'BackoffLimitExceeded', '2026-01-01T00:00:30Z')] })), 30);
  assert.equal(jobDurationSeconds(job({}, { startTime: start, active: 1 }), Date.parse(start) + 42_000), 42);
  assert.equal(jobDurationSeconds(job()), undefined);
});

test('the deadline counts from startTime while running', () => {
  const j = job({ activeDeadlineSeconds: 60 }, { startTime: '2026-01-01T00:00:00Z', active: 1 });
  assert.deepEqual(jobDeadline(j), { seconds: 60, deadlineAt: '2026-01-01T00:01:00.000Z' });
  assert.deepEqual(jobDeadline(job({ activeDeadlineSeconds: 60 })), { seconds: 60 });
  assert.equal(jobDeadline(job()), undefined);
});

test('backoff used against the limit, default 6', () => {
  assert.deepEqual(jobBackoff(job({}, { failed: 2 })), { used: 2, limit: 6 });
  assert.deepEqual(jobBackoff(job({ backoffLimit: 2 }, { failed: 3 })), { used: 3, limit: 2 });
});

const failedPod = (name: string, exitCode: number, finishedAt: string): KubeObject => ({
  metadata: { name, namespace: 'batch' },
  status: { phase: 'Failed', containerStatuses: [{ name: 'migrate', state: { terminated: { exitCode, reason: 'Error', finishedAt } } }] },
});

test('a failed Job says why: backoff limit with the last failed pod and its exit code, deadline, pod failure policy', () => {
  const pods = [failedPod('m-1', 1, '2026-01-01T00:00:10Z'), failedPod('m-3', 3, '2026-01-01T00:00:50Z'), failedPod('m-2', 2, '2026-01-01T00:00:30Z')];
  const last = lastFailedPod(pods)!;
  assert.equal(last.metadata.name, 'm-3');
  const exit = podExit(last);
  const failure = jobFailure(job({ backoffLimit: 2 }, { failed: 3, conditions: [cond('Failed', 'BackoffLimitExceeded')] }), { pod: 'm-3', ...exit });
  assert.deepEqual(failure, { code: 'BackoffLimitExceeded', params: { failed: 3, limit: 2, pod: 'm-3', container: 'migrate', exitCode: 3, reason: 'Error' } });
  assert.deepEqual(jobFailure(job({ activeDeadlineSeconds: 30 }, { conditions: [cond('Failed', 'DeadlineExceeded')] })), { code: 'DeadlineExceeded', params: { seconds: 30 } });
  assert.equal(jobFailure(job({}, { conditions: [cond('Failed', 'PodFailurePolicy')] }))?.code, 'PodFailurePolicy');
  const byRule = (message: string) => job({}, { conditions: [{ ...cond('Failed', 'PodFailurePolicy'), message }] });
  const exitMessage = 'Container migrate for pod batch/m-3 failed with exit code 3 matching FailJob rule at index 0';
  assert.deepEqual(jobFailure(byRule(exitMessage), { pod: 'm-3', ...exit }), { code: 'PodFailurePolicy', params: { message: exitMessage, pod: 'm-3', container: 'migrate', exitCode: 3, reason: 'Error' } });
  const conditionMessage = 'Pod batch/m-1 has condition DisruptionTarget matching FailJob rule at index 1';
  assert.deepEqual(jobFailure(byRule(conditionMessage), { pod: 'm-3', ...exit }), { code: 'PodFailurePolicy', params: { message: conditionMessage, pod: 'm-1' } }, 'the pod the rule matched, not the last failed one');
  assert.deepEqual(jobFailure(job({}, { conditions: [cond('Failed', 'Weird')] })), { code: 'Other', params: { reason: 'Weird', message: 'Weird message' } });
  assert.equal(jobFailure(job({}, { active: 1 })), undefined);
});
