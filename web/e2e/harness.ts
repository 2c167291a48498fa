/**
 * Browser-test harness: builds the SPA when dist/ is missing or its sources changed,
 * runs the real console (`node --import tsx server/main.ts`) as a child process, and drives
 * Debian's Chromium through playwright-core (no browser download).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { onceAcrossProcesses } from '../../server/testing/onceAcrossProcesses.ts';
import { buildSpa, spaBuildIsStale } from '../../scripts/spaBuild.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Where browser tests put their screenshots: test-results/screenshots, so a test run leaves
 * the committed ones alone. `SCREENSHOT_DIR=docs/screenshots npm test -- web/e2e` refreshes
 * the pictures the README shows.
 */
export const SCREENSHOTS = join(ROOT, process.env.SCREENSHOT_DIR ?? join('test-results', 'screenshots'));
mkdirSync(SCREENSHOTS, { recursive: true });
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds dist/ once if needed. Several test files may start at the same time: a lock
 * directory makes one of them build while the others wait for it.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'node_modules', '.cache', 'console-e2e-build.lock');
  await onceAcrossProcesses(lock, {
    needed: () => spaBuildIsStale(ROOT),
    work: () => buildSpa(ROOT),
    staleMs: 180_000,
    waitMs: 180_000,
  });
}

export interface ConsoleProcess {
  /** `http://127.0.0.1:PORT/` plus the base path. */
  url: string;
  port: number;
  /** Every log line the console wrote (JSON lines, plus anything on stderr). */
  logs: string[];
  /** SIGTERM, then wait for the exit (the console drains websockets with 1001). */
  stop(): Promise<void>;
}

/**
 * Starts the console with `env` added to ours (e.g. `{ CONSOLE_DEMO: '1' }`) and waits until
 * /readyz answers 200. `port` 0 = a free port chosen by the console.
 */
export async function startConsole(env: Record<string, string>, port = 0): Promise<ConsoleProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DEMO_SPEED: '20', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let listening: ((url: string) => void) | undefined;
  const urlPromise = new Promise<string>((resolve) => (listening = resolve));
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      logs.push(line);
      if (line.includes('"console listening"')) {
        try {
          listening?.((JSON.parse(line) as { url: string }).url);
        } catch {
          // Not JSON after all; keep waiting.
        }
      }
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const failed = exited.then((code) => {
    throw new Error(`the console exited (${code}) before it was ready:\n${logs.slice(-20).join('\n')}`);
  });
  const timeout = sleep(60_000).then(() => {
    throw new Error(`the console did not start within 60 s:\n${logs.slice(-20).join('\n')}`);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    const url = await Promise.race([urlPromise, failed, timeout]);
    const origin = new URL(url).origin;
    await Promise.race([waitReady(`${origin}/readyz`), failed, timeout]);
    return { url, port: Number(new URL(url).port), logs, stop };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    // The race losers must not become unhandled rejections later.
    failed.catch(() => {});
    timeout.catch(() => {});
  }
}

async function waitReady(url: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.text();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
}

/** Debian's Chromium, headless. Fails loudly when it is not installed rather than skipping. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium), or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The console and the browser one test file drives. */
export interface ConsoleSession {
  server: ConsoleProcess;
  browser: Browser;
}

/**
 * Starts the console (`start`, the demo cluster by default) and a browser before the file's
 * tests; after them closes both, then runs `cleanup` for whatever `start` set up.
 */
export function consoleSession(start: () => Promise<ConsoleProcess> = () => startConsole({ CONSOLE_DEMO: '1' }), cleanup?: () => Promise<void> | void): ConsoleSession {
  const session: Partial<ConsoleSession> = {};
  before(async () => {
    await ensureBuilt();
    session.server = await start();
    session.browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
    await cleanup?.();
  });
  // Filled in by `before`, which runs ahead of every test that reads it.
  return session as ConsoleSession;
}

/** Requests the console logged for a path (method + path as in its request log). */
export function loggedRequests(logs: readonly string[], path: string): number {
  let n = 0;
  for (const line of logs) {
    if (!line.includes('"msg":"request"')) continue;
    try {
      const entry = JSON.parse(line) as { path?: string };
      if (entry.path === path) n++;
    } catch {
      // Ignore non-JSON lines.
    }
  }
  return n;
}

/** Polls until `fn` is true (counts and logs settle asynchronously). */
export async function eventually(what: string, fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
