import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

/** A container with an app's files and a read-only configMap mount, as the kubelet mounts one. */
function host(imageName = 'busybox:1.36'): ShellHost {
  const vfs = new Vfs();
  for (const d of ['/tmp', '/root', '/srv/app/static']) vfs.mkdir(d, { parents: true });
  vfs.writeFile('/srv/app/main.js', 'console.log(1)\n', { mode: '-rwxr-xr-x', mtime: new Date('2024-01-02T03:04:05Z') });
  vfs.writeFile('/srv/app/static/index.html', '<h1>hi</h1>\n');
  vfs.mkdir('/etc/config', { parents: true, readOnly: true });
  vfs.writeFile('/etc/config/app.yaml', 'port: 8080\n', { force: true, readOnly: true });
  return testHost(vfs, imageName);
}

const sh = (script: string, h = host()) => runOn(h, ['sh', '-c', script]);

test('cp copies a file, into a directory under its own name, and a tree only with -r', async () => {
  const h = host();
  let r = await sh('cp /etc/config/app.yaml /tmp/app.yaml && cp /srv/app/main.js /tmp && cat /tmp/app.yaml && ls /tmp', h);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'port: 8080\napp.yaml\nmain.js\n');
  r = await sh('cp /srv/app /tmp/copy', h);
  assert.equal(r.code, 1);
  assert.equal(r.err, "cp: omitting directory '/srv/app'\n");
  r = await sh('cp -r /srv/app /tmp/copy && cp -r /srv/app /tmp/copy && find /tmp/copy', h);
  assert.equal(r.out, ['/tmp/copy', '/tmp/copy/app', '/tmp/copy/app/main.js', '/tmp/copy/app/static', '/tmp/copy/app/static/index.html', '/tmp/copy/main.js', '/tmp/copy/static', '/tmp/copy/static/index.html', ''].join('\n'));
});

test('cp -p and -a keep mode and time; plain cp gives a new file its default mode; -n keeps what is there', async () => {
  const h = host();
  await sh('cp /srv/app/main.js /tmp/plain; cp -p /srv/app/main.js /tmp/kept; echo old > /tmp/keep; cp -n /srv/app/main.js /tmp/keep', h);
  assert.equal(h.vfs.lookup('/tmp/plain')?.mode, '-rw-r--r--');
  assert.equal(h.vfs.lookup('/tmp/kept')?.mode, '-rwxr-xr-x');
  assert.equal(h.vfs.lookup('/tmp/kept')?.mtime.toISOString(), '2024-01-02T03:04:05.000Z');
  assert.equal(h.vfs.readFile('/tmp/keep'), 'old\n');
});

test('cp reports missing sources, a file target for several sources, read-only targets and recursion', async () => {
  const r = await sh('cp /nope /tmp/x; cp /srv/app/main.js /etc/config/; cp /srv/app/main.js /etc/hostname /srv/app/main.js; cp -r /srv /srv/app');
  assert.equal(r.code, 1);
  assert.equal(r.err, [
    "cp: can't stat '/nope': No such file or directory",
    "cp: can't create '/etc/config/main.js': Read-only file system",
    "cp: '/srv/app/main.js' is not a directory",
    "cp: recursion detected, omitting directory '/srv'",
    '',
  ].join('\n'));
});

test('mv renames and moves into directories, keeping mode and time; a read-only mount keeps its file', async () => {
  const h = host();
  let r = await sh('mv /srv/app/main.js /srv/app/server.js && mkdir /srv/old && mv /srv/app/static /srv/app/server.js /srv/old && find /srv', h);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '/srv\n/srv/app\n/srv/old\n/srv/old/server.js\n/srv/old/static\n/srv/old/static/index.html\n');
  assert.equal(h.vfs.lookup('/srv/old/server.js')?.mode, '-rwxr-xr-x');
  r = await sh('mv /etc/config/app.yaml /tmp/; mv /nope /tmp/; mv /srv /srv/old; cat /etc/config/app.yaml', h);
  assert.equal(r.err, "mv: can't rename '/etc/config/app.yaml': Read-only file system\nmv: can't rename '/nope': No such file or directory\nmv: can't rename '/srv': Invalid argument\n");
  assert.equal(r.out, 'port: 8080\n');
});

test('on a Debian image cp and mv speak GNU coreutils', async () => {
  const r = await sh('cp /nope /tmp; cp /srv/app /tmp; mv /nope /tmp; cp /srv /srv/app; cp /srv/app/main.js', host('debian:12'));
  assert.equal(r.err, [
    "cp: cannot stat '/nope': No such file or directory",
    "cp: -r not specified; omitting directory '/srv/app'",
    "mv: cannot stat '/nope': No such file or directory",
    "cp: -r not specified; omitting directory '/srv'",
    "cp: missing destination file operand after '/srv/app/main.js'",
    '',
  ].join('\n'));
});
