import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveImage } from '../images.ts';
import { StdinQueue, StringWriter, type ShellHost, type TtyState } from './io.ts';
import { CONTAINER_COMMANDS } from './commands.ts';
import { runProcess } from './program.ts';
import { Terminal } from './terminal.ts';
import { Vfs } from './vfs.ts';

function host(imageName: string): ShellHost {
  const image = resolveImage(imageName);
  assert.ok(image, imageName);
  const vfs = new Vfs();
  vfs.mkdir('/etc', { parents: true });
  vfs.mkdir('/root', { parents: true });
  vfs.mkdir('/tmp', { parents: true });
  vfs.writeFile('/etc/os-release', image.osRelease);
  vfs.writeFile('/etc/hostname', 'web-0\n');
  return {
    vfs,
    image,
    hostname: 'web-0',
    env: { ...image.env, GREETING: 'hello world' },
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        const t = setTimeout(() => resolve(true), ms / 1000);
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve(false);
        }, { once: true });
      }),
    processes: () => [{ pid: 1, user: 'root', command: image.cmdline.join(' ') }],
    spawn: () => ({ pid: 7, exit: () => {} }),
  };
}

async function run(script: string, image = 'busybox:1.36', stdin?: string): Promise<{ code: number | string; out: string; err: string }> {
  const out = new StringWriter();
  const err = new StringWriter();
  const r = await runProcess(CONTAINER_COMMANDS, ['sh', '-c', script], host(image), { stdin: new StdinQueue(stdin, true), stdout: out, stderr: err, signal: new AbortController().signal });
  return { code: 'code' in r ? r.code : `notFound:${r.notFound}`, out: out.text, err: err.text };
}

test('quoting: single quotes keep $, double quotes expand, backslash escapes', async () => {
  const r = await run(`X=1; echo '$X' "$X" \\$X "a  b" a  b "$GREETING"`);
  assert.equal(r.out, '$X 1 $X a  b a b hello world\n');
});

test('unquoted expansions split into fields, quoted ones do not', async () => {
  const r = await run(`for_x="a b c"; printf '[%s]' $for_x; echo; printf '[%s]' "$for_x"; echo`);
  assert.equal(r.out, '[a][b][c]\n[a b c]\n');
});

test('&& and || follow exit codes and $? reports the last one', async () => {
  const r = await run(`false && echo no || echo yes; true && echo ok; false; echo "status=$?"; ! false && echo negated`);
  assert.equal(r.out, 'yes\nok\nstatus=1\nnegated\n');
});

test('pipes feed one built-in into the next', async () => {
  const r = await run(`seq 1 100 | grep 7 | wc -l; echo one two three | wc -w; printf 'b\\na\\nc\\n' | head -n 2`);
  assert.equal(r.out, '19\n3\nb\na\n');
});

test('exit N ends the script with that code and stops later commands', async () => {
  const r = await run(`echo hi; exit 3; echo never`);
  assert.equal(r.code, 3);
  assert.equal(r.out, 'hi\n');
});

test('an unknown command fails with 127 and the shell-specific message', async () => {
  const sh = await run('nosuchcmd');
  assert.equal(sh.code, 127);
  assert.equal(sh.err, 'sh: nosuchcmd: not found\n');
  const bash = await run('nosuchcmd', 'debian:12');
  assert.equal(bash.err, 'sh: nosuchcmd: not found\n');
  const out = new StringWriter();
  const r = await runProcess(CONTAINER_COMMANDS, ['bash', '-c', 'nosuchcmd'], host('debian:12'), { stdin: new StdinQueue(undefined, true), stdout: out, stderr: out, signal: new AbortController().signal });
  assert.deepEqual(r, { code: 127 });
  assert.equal(out.text, 'bash: nosuchcmd: command not found\n');
});

test('command -v finds shells the image has and fails for the ones it lacks', async () => {
  const busybox = await run('command -v sh; command -v bash; echo "bash=$?"; command -v ls');
  assert.equal(busybox.out, '/bin/sh\nbash=1\n/bin/ls\n');
  const debian = await run('command -v bash', 'debian:12');
  assert.equal(debian.out, '/usr/bin/bash\n');
});

test('the terminal shell-picker falls back to sh on busybox in one exec', async () => {
  const r = await run('command -v bash >/dev/null && exec bash -c "echo bash" || command -v ash >/dev/null && exec ash -c "echo ash" || exec sh -c "echo sh"');
  assert.equal(r.out, 'sh\n');
  const alpine = await run('command -v bash >/dev/null && exec bash -c "echo bash" || command -v ash >/dev/null && exec ash -c "echo ash" || exec sh -c "echo sh"', 'alpine:3.20');
  assert.equal(alpine.out, 'ash\n');
});

test('exec into a missing bash: in a shell 127 with a message, as a process the runtime reports not found', async () => {
  const r = await run('exec bash');
  assert.equal(r.code, 127);
  assert.match(r.err, /exec: bash: not found/);
  const direct = await runProcess(CONTAINER_COMMANDS, ['bash'], host('busybox'), { stdin: new StdinQueue(undefined, true), stdout: new StringWriter(), stderr: new StringWriter(), signal: new AbortController().signal });
  assert.deepEqual(direct, { notFound: 'bash' });
});

test('redirections write into the virtual filesystem', async () => {
  const r = await run('cd /tmp && echo one > f && echo two >> f && cat f && wc -l < f && ls /tmp && pwd && echo err 2>/dev/null >&2; cat /nope; echo "rc=$?"');
  assert.equal(r.out, 'one\ntwo\n2\nf\n/tmp\nrc=1\n');
  assert.equal(r.err, "cat: can't open '/nope': No such file or directory\n");
});

test('test and [ compare strings, numbers and files', async () => {
  const r = await run('[ -f /etc/os-release ] && echo file; [ -d /etc ] && echo dir; [ 3 -gt 2 ] && echo gt; test "a" = "b" || echo ne; [ -z "" ] && echo empty');
  assert.equal(r.out, 'file\ndir\ngt\nne\nempty\n');
});

test('seq 1 2000000 streams in large chunks', async () => {
  const chunks: number[] = [];
  let total = 0;
  let last = '';
  const r = await runProcess(CONTAINER_COMMANDS, ['seq', '1', '2000000'], host('busybox'), {
    stdin: new StdinQueue(undefined, true),
    stdout: { write: (d) => { chunks.push(d.length); total += d.length; last = String(d); } },
    stderr: new StringWriter(),
    signal: new AbortController().signal,
  });
  assert.deepEqual(r, { code: 0 });
  assert.equal(total, 14_888_896);
  assert.ok(last.endsWith('1999999\n2000000\n'));
  assert.ok(chunks.length < 300, `${chunks.length} chunks`);
});

test('stty size reports the size of the last resize', async () => {
  const tty: TtyState = { rows: 24, cols: 80 };
  const out = new StringWriter();
  const io = { stdin: new StdinQueue(undefined, true), stdout: out, stderr: out, signal: new AbortController().signal, tty };
  await runProcess(CONTAINER_COMMANDS, ['stty', 'size'], host('busybox'), io);
  tty.rows = 50;
  tty.cols = 132;
  await runProcess(CONTAINER_COMMANDS, ['stty', 'size'], host('busybox'), io);
  assert.equal(out.text, '24 80\n50 132\n');
  const noTty = await run('stty size');
  assert.equal(noTty.code, 1);
});

test('a shell reading stdin without a tty runs each line and ends at EOF', async () => {
  const out = new StringWriter();
  const stdin = new StdinQueue();
  const p = runProcess(CONTAINER_COMMANDS, ['sh'], host('busybox'), { stdin, stdout: out, stderr: out, signal: new AbortController().signal });
  stdin.push('echo first\nX=5\n');
  stdin.push('echo "x is $X"\n');
  stdin.end();
  assert.deepEqual(await p, { code: 0 });
  assert.equal(out.text, 'first\nx is 5\n');
});

test('an interactive tty shell echoes, edits, interrupts and exits with the typed code', async () => {
  const raw = new StdinQueue();
  const out = new StringWriter();
  const ac = new AbortController();
  const h = host('debian');
  const tty = { rows: 30, cols: 100 };
  const terminal = new Terminal(raw, out, tty, ac.signal, h);
  const io = { stdin: raw, stdout: out, stderr: out, signal: ac.signal, tty, terminal };
  const done = runProcess(CONTAINER_COMMANDS, ['bash'], h, io);
  const tick = () => new Promise((r) => setTimeout(r, 5));
  await tick();
  assert.equal(out.text, 'root@web-0:/# ');
  raw.push('echo hellp\x7fo\r');
  await tick();
  assert.match(out.text, /hello\n/);
  raw.push('sleep 100\r');
  await tick();
  raw.push('\x03');
  await tick();
  assert.match(out.text, /\^C\nroot@web-0:\/# $/);
  raw.push('stty size; exit 3\r');
  assert.deepEqual(await done, { code: 3 });
  assert.match(out.text, /30 100\nexit\n$/);
});
