import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLiveListEvent, initialLiveListState, type LiveListState } from './liveListState.ts';

interface PodRow {
  key: string;
  name: string;
  phase: string;
}

const pod = (name: string, phase = 'Running'): PodRow => ({ key: `shop/${name}`, name, phase });

function snapshot(...rows: PodRow[]): LiveListState<PodRow> {
  return applyLiveListEvent(initialLiveListState<PodRow>(), { type: 'snapshot', id: 's1', rows });
}

test('the first snapshot turns a loading list live with its rows', () => {
  const s = snapshot(pod('api-1'), pod('web-1'));
  assert.equal(s.status, 'live');
  assert.deepEqual([...s.rows.keys()], ['shop/api-1', 'shop/web-1']);
});

test('a delta replaces changed pods, adds new ones and removes deleted ones', () => {
  const before = snapshot(pod('api-1', 'Pending'), pod('web-1'));
  const after = applyLiveListEvent(before, { type: 'delta', id: 's1', upserts: [pod('api-1', 'Running'), pod('api-2')], removes: ['shop/web-1'] });
  assert.deepEqual([...after.rows.values()].map((r) => `${r.name}:${r.phase}`).sort(), ['api-1:Running', 'api-2:Running']);
  assert.ok(after.version > before.version);
  // The previous state is untouched: views holding it do not change under their feet.
  assert.equal(before.rows.get('shop/api-1')?.phase, 'Pending');
  assert.ok(before.rows.has('shop/web-1'));
});

test('a pod deleted and recreated with the same name within one batch ends up present', () => {
  const after = applyLiveListEvent(snapshot(pod('db-0')), { type: 'delta', id: 's1', upserts: [pod('db-0', 'Pending')], removes: ['shop/db-0'] });
  assert.equal(after.rows.get('shop/db-0')?.phase, 'Pending');
});

test('an empty delta changes nothing and does not re-render', () => {
  const s = snapshot(pod('api-1'));
  assert.equal(applyLiveListEvent(s, { type: 'delta', id: 's1', upserts: [], removes: [] }), s);
});

test('a dropped socket keeps the last rows on screen, marked stale, until the fresh snapshot', () => {
  const dropped = applyLiveListEvent(snapshot(pod('api-1'), pod('web-1')), { type: 'disconnected' });
  assert.equal(dropped.status, 'stale');
  assert.equal(dropped.rows.size, 2);
  const fresh = applyLiveListEvent(dropped, { type: 'snapshot', id: 's1', rows: [pod('web-1')] });
  assert.equal(fresh.status, 'live');
  assert.deepEqual([...fresh.rows.keys()], ['shop/web-1']);
});

test('a refused subscription shows its Status and recovers on the next snapshot', () => {
  const status = {
    kind: 'Status' as const,
    apiVersion: 'v1' as const,
    metadata: {},
    status: 'Failure' as const,
    message: 'cannot reach cluster "lab"',
    reason: 'ServiceUnavailable',
    code: 503,
  };
  const failed = applyLiveListEvent(initialLiveListState<PodRow>(), { type: 'error', status });
  assert.equal(failed.status, 'error');
  assert.equal(failed.error?.code, 503);
  const retrying = applyLiveListEvent(failed, { type: 'resubscribing' });
  assert.equal(retrying.status, 'loading');
  const recovered = applyLiveListEvent(retrying, { type: 'snapshot', id: 's1', rows: [pod('api-1')] });
  assert.equal(recovered.status, 'live');
  assert.equal(recovered.error, undefined);
});

test('a Table snapshot keeps its columns through later deltas', () => {
  const columns = [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }];
  const s = applyLiveListEvent(initialLiveListState<PodRow>(), { type: 'snapshot', id: 's1', rows: [pod('api-1')], columns });
  const after = applyLiveListEvent(s, { type: 'delta', id: 's1', upserts: [pod('web-1')], removes: [] });
  assert.deepEqual(after.columns, columns);
  assert.equal(snapshot(pod('api-1')).columns, undefined);
});

test('a first screen keeps the list loading with its rows; the rest makes it live with all of them', () => {
  const first = applyLiveListEvent(initialLiveListState<PodRow>(), { type: 'snapshot', id: 's1', rows: [pod('api-1')], more: true });
  assert.equal(first.status, 'loading', 'the total is not known yet');
  assert.deepEqual([...first.rows.keys()], ['shop/api-1']);
  const whole = applyLiveListEvent(first, { type: 'rest', id: 's1', rows: [pod('web-1'), pod('web-2')] });
  assert.equal(whole.status, 'live');
  assert.deepEqual([...whole.rows.keys()].sort(), ['shop/api-1', 'shop/web-1', 'shop/web-2']);
  assert.equal(first.rows.size, 1, 'the first state is untouched');
  // A socket dropping before the rest leaves the list loading: the re-subscription's snapshot replaces it.
  assert.equal(applyLiveListEvent(first, { type: 'disconnected' }).status, 'loading');
});
