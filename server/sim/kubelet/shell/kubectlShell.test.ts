import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { eventually } from '../../../testing/eventually.ts';

const k = demoClusterForKubectl({ seed: false, speed: 50 });

let created = false;
/** The pod, created on first use: demoClusterForKubectl starts the cluster in its own before hook. */
function createTicker(): void {
  if (created) return;
  created = true;
  const { store } = k.cluster;
  if (!store.get('namespaces', undefined, 'default')) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  store.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
  store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ticker', namespace: 'default' }, spec: { nodeName: 'node-a', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo tick; sleep 5; done'] }] } });
}

test('a pod running `while true; do echo tick; sleep 5; done` stays Running and logs ticks', async () => {
  createTicker();
  await eventually(() => k.cluster.store.get('pods', 'default', 'ticker')?.status?.phase === 'Running', 'ticker Running');
  let ticks = 0;
  for (const until = Date.now() + 10_000; ticks < 3; ) {
    const r = await k.kubectl(['logs', 'ticker']);
    assert.equal(r.code, 0, r.stderr);
    ticks = r.stdout.split('\n').filter((l) => l === 'tick').length;
    assert.ok(ticks >= 3 || Date.now() < until, `only ${ticks} ticks: ${r.stdout}`);
  }
  const pod = k.cluster.store.get('pods', 'default', 'ticker');
  assert.equal(pod?.status?.phase, 'Running');
  const status = (pod?.status?.containerStatuses as { restartCount: number; state: Record<string, unknown> }[] | undefined)?.[0];
  assert.equal(status?.restartCount, 0);
  assert.ok(status?.state.running);
});

test('kubectl exec -- sh -c runs a here-document, a function, case and arithmetic', async () => {
  createTicker();
  await eventually(() => k.cluster.store.get('pods', 'default', 'ticker')?.status?.phase === 'Running', 'ticker Running');
  const script = [
    'kind() { case "$1" in *.log) echo log;; *) echo other;; esac; }',
    'total=0',
    'for f in a.log b.txt c.log; do total=$((total + ${#f})); echo "$f: $(kind $f)"; done',
    'cat <<EOF',
    'total=$total half=$((total / 2))',
    'EOF',
  ].join('\n');
  const r = await k.kubectl(['exec', 'ticker', '--', 'sh', '-c', script]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a.log: log\nb.txt: other\nc.log: log\ntotal=15 half=7\n');
});

test('kubectl exec -i sh reads a multi-line loop from stdin as one command', async () => {
  const r = await k.kubectl(['exec', '-i', 'ticker', '--', 'sh'], { input: 'for i in 1 2 3\ndo\n  echo "n=$i"\ndone\necho end\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'n=1\nn=2\nn=3\nend\n');
});

test('kubectl exec -- top -bn1 shows the container\'s processes as busybox top does, itself running', async () => {
  createTicker();
  await eventually(() => k.cluster.store.get('pods', 'default', 'ticker')?.status?.phase === 'Running', 'ticker Running');
  const r = await k.kubectl(['exec', 'ticker', '--', 'top', '-bn1']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^Mem: \d+K used, \d+K free, \d+K shrd, \d+K buff, \d+K cached$/);
  assert.equal(lines[1], 'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq');
  assert.match(lines[2], /^Load average: [\d.]+ [\d.]+ [\d.]+ \d+\/\d+ \d+$/);
  assert.equal(lines[3], '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND');
  const rows = lines.slice(4).filter(Boolean);
  assert.ok(rows.some((l) => /^ {4}1 {5}0 root {5}S {5}4388 {3}0% {3}\d {3}0% sh -c while true; do echo tick; sleep 5; done$/.test(l)), rows.join('\n'));
  assert.equal(rows.filter((l) => / R +4388 .* top -bn1$/.test(l)).length, 1, rows.join('\n'));
  assert.ok(r.stdout.endsWith('\n\n'));
});

test('kubectl exec -- sh -c "find ... | xargs grep -l" lists the files that mention a word', async () => {
  createTicker();
  await eventually(() => k.cluster.store.get('pods', 'default', 'ticker')?.status?.phase === 'Running', 'ticker Running');
  const script = 'mkdir -p /tmp/app/old && echo "level=error db down" > /tmp/app/a.log && echo ok > /tmp/app/b.log && echo "error again" > /tmp/app/old/c.log && find /tmp/app -name "*.log" | xargs grep -l error';
  const r = await k.kubectl(['exec', 'ticker', '--', 'sh', '-c', script]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '/tmp/app/a.log\n/tmp/app/old/c.log\n');
});
