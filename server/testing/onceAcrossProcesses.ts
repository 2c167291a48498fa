/**
 * Test support: work that several test files (separate processes) may ask for at the same time
 * but that must run once — building the SPA, fetching Debian's kubectl. A lock directory
 * (mkdir is atomic) makes one process do it while the others wait; a lock older than
 * `staleMs` is left over from a killed run and is taken over.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OnceOptions {
  /** Whether the work is (still) needed: asked first, and again once the lock is held. */
  needed(): boolean;
  work(): void;
  staleMs: number;
  /** How long to wait for another process's lock before giving up. */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function onceAcrossProcesses(lock: string, opts: OnceOptions): Promise<void> {
  if (!opts.needed()) return;
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > opts.staleMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lock}`, { cause: err });
      await sleep(200);
    }
  }
  try {
    if (opts.needed()) opts.work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
