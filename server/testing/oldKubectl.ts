/**
 * Test support: the kubectl Debian ships (`kubernetes-client`, kubectl 1.20), a real SPDY/3.1
 * client for exec, attach and port-forward. Fetched with apt-get download and unpacked into
 * node_modules/.cache once (onceAcrossProcesses), never installed over the kubectl 1.32 on the
 * machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onceAcrossProcesses } from './onceAcrossProcesses.ts';

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/kubectl-debian/', import.meta.url));
const BIN = join(CACHE, 'kubectl');
const LOCK = join(CACHE, '.lock');

function fetchIt(): void {
  const work = mkdtempSync(join(tmpdir(), 'kubernetes-client-'));
  try {
    execFileSync('apt-get', ['download', 'kubernetes-client'], { cwd: work, stdio: 'pipe' });
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download kubernetes-client left no .deb');
    execFileSync('dpkg-deb', ['-x', join(work, deb), join(work, 'root')], { stdio: 'pipe' });
    renameSync(join(work, 'root', 'usr', 'bin', 'kubectl'), `${BIN}.part`);
    renameSync(`${BIN}.part`, BIN);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Path of Debian's kubectl (1.20); fetched on first use. */
export async function debianKubectl(): Promise<string> {
  await onceAcrossProcesses(LOCK, { needed: () => !existsSync(BIN), work: fetchIt, staleMs: 300_000, waitMs: 300_000 });
  return BIN;
}
