import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RolloutExplanation } from '../../../../server/views/workloads/rolloutExplanation.ts';
import { phraseText } from '../../i18n/phrase.ts';
import { translator } from '../../i18n/translate.ts';
import { rolloutPhrase } from './rolloutPhrase.ts';

const en = translator('en');
const zh = translator('zh');
const words = (e: RolloutExplanation, t = en) => phraseText(rolloutPhrase(e), t);

const ledger: RolloutExplanation = {
  code: 'podsStuck',
  among: 'revision',
  revision: 'ledger-7f9c',
  deadlineExceeded: false,
  failure: { reason: 'ImagePullBackOff', pods: 1, example: 'ledger-0', message: 'Back-off pulling image "ledger:9.9"' },
};

test('a StatefulSet revision that cannot pull its image names the pod and quotes the kubelet, in each language', () => {
  assert.equal(words(ledger), '1 pod(s) of revision ledger-7f9c cannot pull their image (e.g. ledger-0: Back-off pulling image "ledger:9.9").');
  assert.equal(words(ledger, zh), '版本 ledger-7f9c 的 1 个 Pod 无法拉取镜像（例如 ledger-0：Back-off pulling image "ledger:9.9"）。');
});

test('a crash-looping new pod past the progress deadline says both', () => {
  const crash: RolloutExplanation = { code: 'podsStuck', among: 'new', deadlineExceeded: true, failure: { reason: 'CrashLoopBackOff', pods: 2, example: 'api-1', message: '' } };
  assert.equal(words(crash), '2 new pod(s) keep crashing (e.g. api-1). It exceeded its progress deadline.');
  assert.equal(words(crash, zh), '2 个新 Pod 反复崩溃（例如 api-1）。发布已超过进度期限。');
});

test('the progressing states of kubectl rollout status are worded with their numbers', () => {
  assert.equal(words({ code: 'updatingPods', updated: 1, desired: 3 }), 'Waiting for the rollout to finish: 1 out of 3 new pods have been updated…');
  assert.equal(words({ code: 'updatingPods', updated: 1, desired: 3 }, zh), '等待发布完成：3 个新 Pod 中已更新 1 个…');
  assert.equal(words({ code: 'paused', pending: { code: 'terminatingOldPods', old: 2 } }), 'Rollout paused. Waiting for the rollout to finish: 2 old pods are pending termination…');
  assert.equal(words({ code: 'completeAtRevision', pods: 2, revision: 'db-6c8' }, zh), '滚动更新完成：2 个 Pod 处于版本 db-6c8。');
});

test('a condition\'s message is quoted when there is one', () => {
  assert.equal(words({ code: 'progressDeadlineExceeded', condition: 'ReplicaSet "api-new" has timed out progressing.' }), 'The rollout exceeded its progress deadline: ReplicaSet "api-new" has timed out progressing.');
  assert.equal(words({ code: 'replicaFailure' }, zh), 'ReplicaSet 无法创建 Pod。');
});
