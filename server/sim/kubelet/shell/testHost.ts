/**
 * The shell tests' container: an image's defaults over a filesystem the test filled, a clock
 * that never waits, one process listed, no network; and a run of one process on it.
 */
import assert from 'node:assert/strict';
import { resolveImage } from '../images.ts';
import { StdinQueue, StringWriter, type ProcessInfo, type ShellHost, type TtyState } from './io.ts';
import { CONTAINER_COMMANDS } from './commands.ts';
import { runProcess } from './program.ts';
import type { Vfs } from './vfs.ts';

export function testHost(vfs: Vfs, imageName = 'busybox:1.36', processes: ProcessInfo[] = [{ pid: 1, user: 'root', command: 'sh' }]): ShellHost {
  const image = resolveImage(imageName);
  assert.ok(image, imageName);
  return {
    vfs,
    image,
    hostname: 'web-0',
    env: { ...image.env },
    sleep: (_ms, signal) => Promise.resolve(!signal.aborted),
    processes: () => processes,
    spawn: () => ({ pid: 7, exit: () => {} }),
  };
}

export interface TestRun {
  /** The exit code, or `notFound:NAME` when the program does not exist. */
  code: number | string;
  out: string;
  bytes: Buffer;
  err: string;
}

/** Runs `argv` on `host` to its end; stdin is ended after what is given. */
export async function runOn(host: ShellHost, argv: string[], opts: { stdin?: string | Buffer | StdinQueue; signal?: AbortSignal; tty?: TtyState } = {}): Promise<TestRun> {
  const out = new StringWriter();
  const err = new StringWriter();
  const stdin = opts.stdin instanceof StdinQueue ? opts.stdin : new StdinQueue(opts.stdin, true);
  const r = await runProcess(CONTAINER_COMMANDS, argv, host, { stdin, stdout: out, stderr: err, signal: opts.signal ?? new AbortController().signal, tty: opts.tty });
  return { code: 'code' in r ? r.code : `notFound:${r.notFound}`, out: out.text, bytes: out.bytes, err: err.text };
}
