import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract, pack } from 'tar-stream';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { parseTarArgs } from './tar.ts';
import { Vfs } from './vfs.ts';

function host(imageName = 'busybox:1.36'): ShellHost {
  const vfs = new Vfs();
  for (const d of ['/tmp', '/root', '/dst']) vfs.mkdir(d, { parents: true });
  return testHost(vfs, imageName);
}

async function run(h: ShellHost, argv: string[], stdin?: Buffer | string): Promise<{ code: number | string; out: Buffer; err: string }> {
  const r = await runOn(h, argv, { stdin });
  return { code: r.code, out: r.bytes, err: r.err };
}

const sh = (h: ShellHost, script: string) => run(h, ['sh', '-c', script]);

/** An archive as another tar (kubectl's Go writer, here tar-stream) would make it. */
async function archive(entries: { name: string; type?: 'file' | 'directory'; mode: number; data?: Buffer }[]): Promise<Buffer> {
  const p = pack();
  for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', mode: e.mode, mtime: new Date('2024-05-01T10:00:00Z') }, e.data ?? Buffer.alloc(0));
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function members(tarBytes: Buffer): Promise<Map<string, { mode: number; type: string; data: Buffer }>> {
  const out = new Map<string, { mode: number; type: string; data: Buffer }>();
  const x = extract();
  const done = (async () => {
    for await (const entry of x) {
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      out.set(entry.header.name, { mode: entry.header.mode, type: entry.header.type, data: Buffer.concat(parts) });
    }
  })();
  x.end(tarBytes);
  await done;
  return out;
}

const ALL_BYTES = Buffer.from([...Array(256).keys()]);

test('tar cf - writes a ustar archive of a directory: names without the leading slash, modes and bytes kept', async () => {
  const h = host();
  h.vfs.mkdir('/src/sub', { parents: true });
  h.vfs.writeFile('/src/sub/all.bin', ALL_BYTES, { mode: '-rwxr-x---' });
  h.vfs.writeFile('/src/note.txt', 'héllo\n');
  const r = await run(h, ['tar', 'cf', '-', '/src']);
  assert.equal(r.code, 0);
  assert.equal(r.err, "tar: removing leading '/' from member names\n");
  const m = await members(r.out);
  assert.deepEqual([...m.keys()], ['src/', 'src/note.txt', 'src/sub/', 'src/sub/all.bin']);
  assert.deepEqual(m.get('src/sub/all.bin')?.data, ALL_BYTES);
  assert.equal(m.get('src/sub/all.bin')?.mode, 0o750);
  assert.equal(m.get('src/sub/')?.type, 'directory');
  assert.equal(m.get('src/note.txt')?.data.toString(), 'héllo\n');
});

test('tar -xmf - -C DIR (what kubectl cp runs) extracts files and directories with their modes from stdin', async () => {
  const h = host();
  const bytes = await archive([
    { name: 'conf', type: 'directory', mode: 0o755 },
    { name: 'conf/run.sh', mode: 0o755, data: Buffer.from('echo hi\n') },
    { name: 'conf/all.bin', mode: 0o600, data: ALL_BYTES },
  ]);
  const r = await run(h, ['tar', '-xmf', '-', '-C', '/dst'], bytes);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(h.vfs.readBytes('/dst/conf/all.bin'), ALL_BYTES);
  const ls = await sh(h, 'ls -l /dst/conf; sh /dst/conf/run.sh');
  assert.match(ls.out.toString(), /^-rw------- .* 256 .* all\.bin$/m);
  assert.match(ls.out.toString(), /^-rwxr-xr-x .* run\.sh$/m);
  assert.match(ls.out.toString(), /^hi$/m);
  // -m: the time of extraction, not the archive's 2024 time.
  const node = h.vfs.lookup('/dst/conf/run.sh');
  assert.ok(node && Date.now() - node.mtime.getTime() < 60_000, String(node?.mtime));
});

test('without -m the archive times are restored; tar tv lists members as busybox does', async () => {
  const h = host();
  const bytes = await archive([{ name: 'a.txt', mode: 0o644, data: Buffer.from('abc') }]);
  h.vfs.writeFile('/tmp/a.tar', bytes);
  assert.equal((await run(h, ['tar', 'xf', '/tmp/a.tar', '-C', '/dst'])).code, 0);
  assert.equal(h.vfs.lookup('/dst/a.txt')?.mtime.toISOString(), '2024-05-01T10:00:00.000Z');
  const t = await run(h, ['tar', 'tvf', '/tmp/a.tar']);
  // The archive names no owner (uname empty): busybox shows the numeric ids.
  assert.equal(t.out.toString(), '-rw-r--r-- 0/0         3 2024-05-01 10:00:00 a.txt\n');
});

test('a pipe of two tars copies a tree, and czf/xzf round-trips through gzip', async () => {
  const h = host();
  const r = await sh(h, "mkdir -p /src/d && printf 'x\\ny\\n' > /src/d/f && cd /src && tar cf - d | tar xf - -C /dst && cat /dst/d/f && tar czf /tmp/d.tgz d && mkdir /z && tar -xzf /tmp/d.tgz -C /z && cat /z/d/f");
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.toString(), 'x\ny\nx\ny\n');
});

test('tar refuses what real tar refuses: no mode, an empty archive, garbage, a read-only target, a missing file', async () => {
  const h = host();
  assert.deepEqual(await run(h, ['tar', 'f', '-']), { code: 1, out: Buffer.alloc(0), err: 'tar: need to specify one of -c, -x or -t\n' });
  assert.deepEqual(await run(h, ['tar', 'cf', '-']), { code: 1, out: Buffer.alloc(0), err: 'tar: empty archive\n' });
  const garbage = await run(h, ['tar', 'xf', '-'], Buffer.alloc(1024, 0x41));
  assert.equal(garbage.code, 1);
  assert.equal(garbage.err, 'tar: invalid tar magic\n');
  assert.deepEqual(await run(h, ['tar', 'xzf', '-'], 'not gzip'), { code: 1, out: Buffer.alloc(0), err: 'tar: invalid gzip magic\n' });
  h.vfs.mkdir('/ro', { readOnly: true });
  const ro = await run(h, ['tar', 'xf', '-', '-C', '/ro'], await archive([{ name: 'x', mode: 0o644, data: Buffer.from('1') }]));
  assert.equal(ro.code, 1);
  assert.equal(ro.err, "tar: can't open 'x': Read-only file system\n");
  assert.equal(h.vfs.exists('/ro/x'), false);
  const missing = await run(h, ['tar', 'cf', '-', '/nope']);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'tar: /nope: No such file or directory\n');
  const deb = await run(host('nginx:1.27'), ['tar', 'cf', '-', '/nope']);
  assert.equal(deb.code, 2);
  assert.equal(deb.err, 'tar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n');
});

test('tar options: old-style bundles, dashed bundles, long options', () => {
  assert.deepEqual(parseTarArgs(['xzvf', 'a.tgz', '-C', '/x']), { mode: 'x', file: 'a.tgz', dir: '/x', verbose: true, touch: false, gzip: true, operands: [] });
  assert.deepEqual(parseTarArgs(['--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '/tmp']), { mode: 'x', file: '-', dir: '/tmp', verbose: false, touch: true, gzip: false, operands: [] });
  assert.deepEqual(parseTarArgs(['--create', '--file=-', '--directory=/etc', 'hostname']), { mode: 'c', file: '-', dir: '/etc', verbose: false, touch: false, gzip: false, operands: ['hostname'] });
  assert.equal(parseTarArgs(['-xq']), "invalid option -- 'q'");
});
