import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

function host(): ShellHost {
  const vfs = new Vfs();
  for (const d of ['/tmp', '/root', '/var/log/app', '/var/log/nginx']) vfs.mkdir(d, { parents: true });
  for (const f of ['/var/log/app/a.log', '/var/log/app/b.log', '/var/log/app/c.txt', '/var/log/app/.hidden.log', '/var/log/nginx/access.log', '/var/log/nginx/error.log']) vfs.writeFile(f, `${f}\n`);
  return testHost(vfs);
}

async function sh(script: string): Promise<string> {
  const r = await runOn(host(), ['sh', '-c', script]);
  return r.out + r.err;
}

test('unquoted *, ? and [...] expand to the matching paths, sorted, without dot files', async () => {
  assert.equal(await sh('echo /var/log/app/*.log'), '/var/log/app/a.log /var/log/app/b.log\n');
  assert.equal(await sh('cd /var/log/app && echo ?.* && echo [ab].log && echo [!a]*'), 'a.log b.log c.txt\na.log b.log\nb.log c.txt\n');
  assert.equal(await sh('echo /var/log/*/*.log'), '/var/log/app/a.log /var/log/app/b.log /var/log/nginx/access.log /var/log/nginx/error.log\n');
  assert.equal(await sh('echo /var/log/*/'), '/var/log/app/ /var/log/nginx/\n');
  assert.equal(await sh('cd /var/log/app && echo .*.log'), '.hidden.log\n');
});

test('a pattern that matches nothing, a quoted one, and one under set -f stay as written', async () => {
  assert.equal(await sh('echo /var/log/app/*.gz "/var/log/app/*.log" \'*\''), '/var/log/app/*.gz /var/log/app/*.log *\n');
  assert.equal(await sh('set -f; echo /var/log/app/*.log'), '/var/log/app/*.log\n');
});

test('globs feed for loops and commands; expansions that produce a pattern are globbed too', async () => {
  assert.equal(await sh('for f in /var/log/nginx/*; do wc -l < $f; done'), '1\n1\n');
  assert.equal(await sh('p="/var/log/app/*.txt"; cat $p; cat "$p"'), "/var/log/app/c.txt\ncat: can't open '/var/log/app/*.txt': No such file or directory\n");
});
