import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startKubeletFixture, type KubeletFixture } from './kubeletFixture.ts';

let f: KubeletFixture;
before(async () => {
  f = await startKubeletFixture(100);
});
after(() => f.close());

const logUrl = (pod: string, q = '') => `${f.url}/api/v1/namespaces/default/pods/${pod}/log${q ? '?' + q : ''}`;

test('logs of a command container, with tailLines and timestamps', async () => {
  f.createPod('printer', { restartPolicy: 'Never', containers: [{ name: 'p', image: 'busybox', command: ['sh', '-c', 'for_n=1; echo one; echo two; echo three'] }] });
  await f.waitFor('done', () => f.pod('printer')?.status?.phase === 'Succeeded');
  const all = await fetch(logUrl('printer'));
  assert.equal(all.headers.get('content-type'), 'text/plain');
  assert.equal(await all.text(), 'one\ntwo\nthree\n');
  assert.equal(await (await fetch(logUrl('printer', 'tailLines=2'))).text(), 'two\nthree\n');
  const stamped = await (await fetch(logUrl('printer', 'timestamps=true&tailLines=1'))).text();
  assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$/);
  assert.equal(await (await fetch(logUrl('printer', 'limitBytes=5'))).text(), 'one\ntw'.slice(0, 5));
});

test('a container still being created answers 400 waiting to start', async () => {
  f.createPod('slowpull', { containers: [{ name: 'db', image: 'postgres:16' }] });
  const res = await fetch(logUrl('slowpull'));
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.message, 'container "db" in pod "slowpull" is waiting to start: ContainerCreating');
});

test('previous shows the last crashed instance, and 400 when there is none', async () => {
  f.createPod('crashy', { containers: [{ name: 'app', image: 'demo.registry/tools/crashloop' }] });
  const none = await fetch(logUrl('crashy', 'previous=true'));
  assert.equal(none.status, 400);
  assert.equal((await none.json()).message, 'previous terminated container "app" in pod "crashy" not found');
  await f.waitFor('restarted', () => (f.pod('crashy')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
  const prev = await (await fetch(logUrl('crashy', 'previous=true'))).text();
  assert.match(prev, /FATAL cannot continue without database, exiting\n$/);
});

test('follow streams new lines of a running server as they are written', async () => {
  f.createPod('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
  await f.waitFor('running', () => f.pod('web')?.status?.phase === 'Running');
  const ac = new AbortController();
  const res = await fetch(logUrl('web', 'follow=true&tailLines=0'), { signal: ac.signal });
  const reader = res.body!.getReader();
  let text = '';
  while ((text.match(/\n/g) ?? []).length < 3) {
    const { value } = await reader.read();
    text += Buffer.from(value!).toString();
  }
  ac.abort();
  assert.match(text.split('\n')[0], /^10\.244\.\d+\.\d+ - - \[.*\] "(GET|POST|PUT) \S+ HTTP\/1\.1" \d{3} \d+ /);
});
