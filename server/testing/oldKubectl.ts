/**
 * Test support: the kubectl Debian ships (`kubernetes-client`, kubectl 1.20), a real SPDY/3.1
 * client for exec, attach and port-forward. Fetched with apt-get download and unpacked into
 * node_modules/.cache once, never installed over the kubectl 1.32 on the machine. Several test
 * files may ask at once: a lock directory lets one of them fetch while the others wait.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/kubectl-debian/', import.meta.url));
const BIN = join(CACHE, 'kubectl');
const LOCK = join(CACHE, '.lock');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  if (existsSync(BIN)) return BIN;
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(BIN)) return BIN;
      // A lock older than 5 minutes is left over from a killed run.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (!existsSync(BIN)) fetchIt();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return BIN;
}
