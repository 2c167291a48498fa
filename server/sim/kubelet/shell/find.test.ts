import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

/** A busybox container with an app's logs and config under /srv. */
function host(): ShellHost {
  const vfs = new Vfs();
  for (const d of ['/tmp', '/root', '/srv/logs/old', '/srv/conf', '/srv/cache']) vfs.mkdir(d, { parents: true });
  vfs.writeFile('/srv/logs/app.log', 'started\nready\n');
  vfs.writeFile('/srv/logs/old/app.1.log', 'a\nb\nc\n');
  vfs.writeFile('/srv/logs/README', '');
  vfs.writeFile('/srv/conf/app.yaml', 'port: 8080\n');
  return testHost(vfs);
}

const sh = (script: string, stdin?: string, h = host()) => runOn(h, ['sh', '-c', script], { stdin });

test('find walks a tree from each starting point, printing paths as they were given', async () => {
  let r = await sh('cd /srv && find');
  assert.equal(r.out, ['.', './cache', './conf', './conf/app.yaml', './logs', './logs/README', './logs/app.log', './logs/old', './logs/old/app.1.log', ''].join('\n'));
  r = await sh('find /srv/conf /srv/cache/');
  assert.equal(r.out, '/srv/conf\n/srv/conf/app.yaml\n/srv/cache/\n');
});

test('find filters by name, path, type, emptiness, size and depth, with !, -o and parentheses', async () => {
  const cases: [string, string[]][] = [
    ['find /srv -name "*.log"', ['/srv/logs/app.log', '/srv/logs/old/app.1.log']],
    ['find /srv -iname "readme"', ['/srv/logs/README']],
    ['find /srv -path "*/old/*"', ['/srv/logs/old/app.1.log']],
    ['find /srv -type d', ['/srv', '/srv/cache', '/srv/conf', '/srv/logs', '/srv/logs/old']],
    ['find /srv -empty', ['/srv/cache', '/srv/logs/README']],
    ['find /srv -type f -size -1', ['/srv/logs/README']],
    ['find /srv -maxdepth 1', ['/srv', '/srv/cache', '/srv/conf', '/srv/logs']],
    ['find /srv -mindepth 2 -type d', ['/srv/logs/old']],
    ['find /srv -type f ! -name "*.log"', ['/srv/conf/app.yaml', '/srv/logs/README']],
    ['find /srv \\( -name "*.yaml" -o -name "*.1.log" \\) -print', ['/srv/conf/app.yaml', '/srv/logs/old/app.1.log']],
    ['find /srv -name old -prune -o -name "*.log" -print', ['/srv/logs/app.log']],
  ];
  for (const [script, want] of cases) {
    const r = await sh(script);
    assert.equal(r.code, 0, `${script}: ${r.err}`);
    assert.deepEqual(r.out.split('\n').filter(Boolean), want, script);
  }
});

test('find -exec runs a command per file with ;, once for all with +, and -delete removes what matched', async () => {
  const h = host();
  let r = await sh('find /srv/logs -name "*.log" -exec wc -l {} \\;', undefined, h);
  assert.equal(r.out, '      2 /srv/logs/app.log\n      3 /srv/logs/old/app.1.log\n');
  r = await sh('find /srv -type f -exec echo files: {} +', undefined, h);
  assert.equal(r.out, 'files: /srv/conf/app.yaml /srv/logs/README /srv/logs/app.log /srv/logs/old/app.1.log\n');
  r = await sh('find /srv/logs -name "*.log" -delete; find /srv/logs', undefined, h);
  assert.equal(r.out, '/srv/logs\n/srv/logs/README\n/srv/logs/old\n');
});

test('find reports a missing starting point and an unknown primary as busybox does', async () => {
  let r = await sh('find /nope /srv/conf');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'find: /nope: No such file or directory\n');
  assert.equal(r.out, '/srv/conf\n/srv/conf/app.yaml\n');
  r = await sh('find /srv -bogus');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'find: unrecognized: -bogus\n');
});

test('xargs appends stdin words to the command, honouring quotes, -n, -I, -0, -t and -r', async () => {
  let r = await sh(`printf 'a b\\n"c d" e\\\\ f\\n' | xargs printf '[%s]'`);
  assert.equal(r.out, '[a][b][c d][e f]');
  r = await sh('seq 1 5 | xargs -n 2 echo');
  assert.equal(r.out, '1 2\n3 4\n5\n');
  r = await sh(`printf 'web\\napi\\n' | xargs -I NAME echo deploy/NAME-svc`);
  assert.equal(r.out, 'deploy/web-svc\ndeploy/api-svc\n');
  r = await sh('find /srv/logs -type f -print0 | xargs -0 -t wc -c');
  assert.equal(r.err, 'wc -c /srv/logs/README /srv/logs/app.log /srv/logs/old/app.1.log\n');
  r = await sh('echo -n | xargs echo ran; echo -n | xargs -r echo never');
  assert.equal(r.out, 'ran\n');
  r = await sh('echo anything | xargs');
  assert.equal(r.out, 'anything\n');
});

test('find | xargs grep finds the files that mention a word; failures give xargs exit codes', async () => {
  let r = await sh('find /srv -name "*.log" | xargs grep -l ready');
  assert.equal(r.out, '/srv/logs/app.log\n');
  r = await sh('echo x | xargs false; echo "status=$?"; echo x | xargs nosuch; echo "status=$?"');
  assert.equal(r.out, 'status=123\nstatus=127\n');
  assert.equal(r.err, 'xargs: nosuch: No such file or directory\n');
  r = await sh(`echo "it's" | xargs echo`);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'xargs: unmatched single quote\n');
});
