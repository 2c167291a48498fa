import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveImage } from '../images.ts';
import { StdinQueue, StringWriter, type ShellHost } from './io.ts';
import { CONTAINER_COMMANDS } from './commands.ts';
import { runProcess } from './program.ts';
import { Vfs } from './vfs.ts';

function host(): ShellHost & { running: Set<number> } {
  const image = resolveImage('busybox:1.36');
  assert.ok(image);
  const running = new Set<number>();
  let next = 100;
  return {
    running,
    vfs: new Vfs(),
    image,
    hostname: 'web-0',
    env: { ...image.env },
    // Simulated seconds pass as real milliseconds, so `sleep 1 &` outlives the lines after it.
    sleep: (ms, signal) => new Promise((resolve) => {
      const t = setTimeout(() => resolve(true), ms / 100);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve(false);
      }, { once: true });
    }),
    processes: () => [...running].map((pid) => ({ pid, user: 'root', command: 'sh' })),
    spawn: () => {
      const pid = next++;
      running.add(pid);
      return { pid, exit: () => running.delete(pid) };
    },
  };
}

async function sh(script: string, h = host()): Promise<{ code: number | string; out: string; err: string }> {
  const out = new StringWriter();
  const err = new StringWriter();
  const r = await runProcess(CONTAINER_COMMANDS, ['sh', '-c', script], h, { stdin: new StdinQueue(undefined, true), stdout: out, stderr: err, signal: new AbortController().signal });
  return { code: 'code' in r ? r.code : `notFound:${r.notFound}`, out: out.text, err: err.text };
}

test('trap ... EXIT runs when the shell ends, and an exit there sets the status', async () => {
  assert.deepEqual(await sh("trap 'echo bye' EXIT; echo hi"), { code: 0, out: 'hi\nbye\n', err: '' });
  assert.deepEqual(await sh("trap 'echo cleanup; exit 3' 0; true"), { code: 3, out: 'cleanup\n', err: '' });
  assert.deepEqual(await sh("trap 'echo never' EXIT; trap - EXIT; echo x"), { code: 0, out: 'x\n', err: '' });
  assert.deepEqual(await sh("trap 'echo t' TERM INT; trap"), { code: 0, out: "trap -- 'echo t' INT\ntrap -- 'echo t' TERM\n", err: '' });
  assert.deepEqual(await sh("trap 'x' NOPE"), { code: 1, out: '', err: 'sh: trap: NOPE: bad trap\n' });
});

test('wait waits for background jobs; $! names the last one and wait $! gives its status', async () => {
  const h = host();
  const r = await sh('(sleep 1; echo one) & echo started; wait; echo done', h);
  assert.deepEqual(r, { code: 0, out: 'started\none\ndone\n', err: '' });
  assert.equal(h.running.size, 0);
  assert.deepEqual(await sh('sleep 1 & p=$!; [ -n "$p" ] && echo "pid $p"; wait $p; echo "status $?"; (exit 4) & wait $!; echo "status $?"'), { code: 0, out: 'pid 100\nstatus 0\nstatus 4\n', err: '' });
  assert.deepEqual(await sh('wait 999; echo $?'), { code: 0, out: '127\n', err: '' });
});
