import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StdinQueue, type ProcessInfo, type TtyState } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

/** A busybox container whose main process is pid 1; the host lists the asker last, as `ps`. */
const run = (argv: string[], processes: ProcessInfo[], opts: { stdin?: StdinQueue; tty?: TtyState } = {}) => runOn(testHost(new Vfs(), 'busybox:1.36', processes), argv, opts);

const PROCS: ProcessInfo[] = [
  { pid: 1, user: 'root', command: 'sh -c while true; do echo tick; sleep 5; done' },
  { pid: 12, user: 'root', command: 'sh' },
  { pid: 19, user: 'root', command: 'ps' },
];

test('top -bn1 prints one busybox frame: memory, CPU, load, then every process with top itself running', async () => {
  const r = await run(['sh', '-c', 'top -bn1'], PROCS);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, [
    'Mem: 5005908K used, 11052140K free, 4116K shrd, 246180K buff, 3286612K cached',
    'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq',
    'Load average: 0.08 0.05 0.01 1/215 19',
    '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
    '    1     0 root     S     4388   0%   1   0% sh -c while true; do echo tick; sleep 5; done',
    '   12     0 root     S     4388   0%   0   0% sh',
    '   19     0 root     R     4388   0%   3   0% top -bn1',
    '',
    '',
  ].join('\n'));
});

test('top sorts by memory: a big process comes first, its VSZ in megabytes past 99999K', async () => {
  // Five characters, as busybox's smart_ulltoa5 writes them: 1015744K is " 991m".
  const r = await run(['top', '-b', '-n', '1'], [{ pid: 1, user: 'root', command: 'node dist/server.js' }, { pid: 30, user: 'root', command: 'top -b -n 1' }]);
  const rows = r.out.split('\n').slice(4, 6);
  assert.deepEqual(rows, ['    1     0 root     S     991m   6%   1   0% node dist/server.js', '   30     0 root     R     4388   0%   2   0% top -b -n 1']);
});

test('top -b -n 3 prints three frames; bad options are refused with busybox usage', async () => {
  const r = await run(['top', '-b', '-n', '3', '-d', '1'], PROCS);
  assert.equal(r.out.split('\n').filter((l) => l.startsWith('Mem: ')).length, 3);
  const bad = await run(['top', '-x'], PROCS);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^top: invalid option -- 'x'\n[\s\S]*Usage: top \[-b\] \[-nCOUNT\] \[-dSECONDS\] \[-m\]\n$/);
});

test('interactive top clears the screen, fits the terminal and quits on q', async () => {
  const stdin = new StdinQueue();
  stdin.push('q');
  const many = Array.from({ length: 30 }, (_v, k) => ({ pid: k + 1, user: 'root', command: `worker --id ${k}` }));
  const r = await run(['top'], [...many, { pid: 99, user: 'root', command: 'ps' }], { stdin, tty: { rows: 10, cols: 40 } });
  assert.equal(r.code, 0);
  assert.ok(r.out.startsWith('\x1b[H\x1b[J'), JSON.stringify(r.out.slice(0, 20)));
  const screen = r.out.replaceAll('\x1b[H\x1b[J', '').replaceAll('\x1b[7m', '').replaceAll('\x1b[m', '').split(/[\r\n]/).filter(Boolean);
  assert.equal(screen.length, 10, screen.join('|'));
  assert.ok(screen.every((l) => l.length <= 40), screen.join('|'));
  assert.ok(r.out.endsWith('\r\n'));
});
