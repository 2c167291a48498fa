import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PendingExplanation } from '../../../../server/views/nodes/whyPending.ts';
import type { RequestsExplanation } from '../../../../server/views/workloads/requestsExplanation.ts';
import { phraseText } from '../../i18n/phrase.ts';
import { translator } from '../../i18n/translate.ts';
import { nodeMisfitPhrase, pendingPhrases, requestsPhrase } from './pendingPhrases.ts';

const en = translator('en');
const zh = translator('zh');
const FAILED = '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.';

/** report-renderer as the seed makes it: 12 CPUs asked, two nodes short, one tainted. */
const renderer: PendingExplanation = {
  pending: true,
  requests: { cpu: 12000, memory: 4 * 2 ** 30 },
  reasons: [],
  nodes: [],
  event: { message: FAILED, count: 4, reasons: [] },
  statements: [
    { code: 'insufficient', resource: 'cpu', wanted: 12000, nodes: [{ node: 'node-a', free: 3200, allocatable: 4000 }, { node: 'node-b', free: 3500, allocatable: 4000 }] },
    { code: 'ruledOut', others: true, nodes: [{ node: 'node-c', why: { code: 'untoleratedTaint', taint: 'dedicated=gpu:NoSchedule' } }] },
    { code: 'schedulerAlso', said: '3 node(s) had volume node affinity conflict' },
  ],
};

const words = (p: PendingExplanation, t = en) => pendingPhrases(p).map((x) => phraseText(x, t));

test('the Pending report-renderer reads as before in English: no node has 12 CPU free, node-c is tainted', () => {
  assert.deepEqual(words(renderer), [
    'No node has 12 CPU free: node-a has 3.2 of 4 free, node-b has 3.5 of 4 free.',
    'The other nodes are ruled out: node-c has the taint dedicated=gpu:NoSchedule, which the pod does not tolerate.',
    'The scheduler also reports: 3 node(s) had volume node affinity conflict.',
  ]);
});

test('in Chinese the same statements are Chinese sentences around the cluster\'s names and amounts', () => {
  assert.deepEqual(words(renderer, zh), [
    '没有节点有足够的空闲 CPU（需要 12）：node-a 空闲 3.2 / 4、node-b 空闲 3.5 / 4。',
    '其余节点被排除：node-c 有污点 dedicated=gpu:NoSchedule，而 Pod 不容忍它。',
    '调度器还报告：3 node(s) had volume node affinity conflict。',
  ]);
});

test('nodes that fit, cordons, selectors, pod limits and gates each have their sentence', () => {
  const p = (statements: PendingExplanation['statements']): PendingExplanation => ({ ...renderer, statements });
  assert.deepEqual(words(p([{ code: 'nodesFit', nodes: ['node-a', 'node-b'], schedulerSaid: FAILED }])), [`node-a, node-b could take the pod now; the scheduler last said: ${FAILED}`]);
  assert.deepEqual(words(p([{ code: 'nodesFit', nodes: ['node-a'] }]), zh), ['node-a 可以容纳这个 Pod；调度器还没有放置它。']);
  const ruledOut = p([{ code: 'ruledOut', others: false, nodes: [{ node: 'node-a', why: { code: 'cordoned' } }, { node: 'node-b', why: { code: 'nodeSelector' } }] }]);
  assert.deepEqual(words(ruledOut), ["No node is eligible: node-a is cordoned; node-b does not match the pod's node selector or affinity."]);
  assert.deepEqual(words(ruledOut, zh), ['没有符合条件的节点：node-a 已被标记为不可调度（cordon）；node-b 不符合 Pod 的节点选择器或节点亲和性。']);
  assert.deepEqual(words(p([{ code: 'podLimit', nodes: ['node-a'] }])), ['No node can take another pod: node-a is at its pod limit.']);
  assert.deepEqual(words(p([{ code: 'gated', gates: ['example.com/quota'] }]), zh), ['调度门控 example.com/quota 阻止了调度；在移除它们之前，调度器会忽略这个 Pod。']);
  assert.deepEqual(words(p([{ code: 'noNodes' }])), ['The cluster has no nodes to run the pod on.']);
});

test('a node short of two resources names both, an extended resource by its own name', () => {
  const why = { code: 'insufficient', resources: ['cpu', 'memory', 'nvidia.com/gpu'] } as const;
  assert.equal(phraseText(nodeMisfitPhrase('node-a', { ...why, resources: [...why.resources] }), en), 'node-a lacks CPU and memory and nvidia.com/gpu');
  assert.equal(phraseText(nodeMisfitPhrase('node-a', { ...why, resources: ['cpu', 'memory'] }), zh), 'node-a CPU和内存不足');
});

const requests = (over: Partial<RequestsExplanation>): RequestsExplanation => ({ resource: 'cpu', effective: 12000, rule: 'together', running: [12000], sidecars: false, largestInit: 0, overhead: false, ...over });

test('the effective request is explained by the rule that sets it, in each language', () => {
  assert.equal(phraseText(requestsPhrase(requests({})), en), 'cpu 12: the app containers run together (12)');
  assert.equal(phraseText(requestsPhrase(requests({})), zh), 'cpu 12：应用容器同时运行（12）');
  const init = requests({ effective: 3000, rule: 'largestInit', running: [1000, 1000], largestInit: 3000 });
  assert.equal(
    phraseText(requestsPhrase(init), en),
    'cpu 3: the largest init container (3) asks for more than the containers that run together (1 + 1 = 2); init containers run one at a time, so the largest one counts',
  );
  const memory = requests({ resource: 'memory', effective: 2 ** 31 + 2 ** 20, rule: 'runningCovers', running: [2 ** 30, 2 ** 30], largestInit: 2 ** 29, overhead: true });
  assert.equal(phraseText(requestsPhrase(memory), zh), 'memory 2Gi：同时运行的容器（1Gi + 1Gi = 2Gi）请求的不少于最大的 Init 容器（512Mi），另加 Pod 开销');
});
