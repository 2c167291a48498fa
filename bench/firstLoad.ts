/**
 * First-load benchmark under churn (not a test): the pods list in Debian's Chromium with 100 and
 * 10,000 pods while 50 pod changes a second stream through the live channel (issue #13). For each
 * size: time to the first rows and to all rows counted, cold (a console that just started lists
 * and watches; median over as many fresh consoles as runs) and warm (a reload); the main thread's busy share over 10 s of churn (Chromium's trace: top-level
 * tasks of the page's main thread); the JS heap; the p95 from a pod change written to the API
 * server to its row showing it; and the live snapshot's bytes per pod. Then the ratios, and the
 * BFF's memory per 10,000 pods (bffMemory.ts), and the machine's load average before and after.
 *
 *   node --import tsx bench/firstLoad.ts [--pods 100,10000] [--runs 3] [--churn 50] [--seconds 10] [--profile DIR]
 *
 * `--profile DIR` keeps, per size, Chromium's trace of the cold load (`cold-N.json`, for the
 * DevTools Performance panel) and the console's CPU profile (`bff-N/*.cpuprofile`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, launchBrowser } from '../web/e2e/harness.ts';
import { loadPodName, startLoadCluster, type LoadCluster } from '../web/e2e/loadCluster.ts';
import { measureBffMemory } from './bffMemory.ts';
import { mainThreadBusy } from './mainThreadBusy.ts';
import { quantile } from './quantile.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('--pods') ?? '100,10000').split(',').map(Number);
const RUNS = Number(arg('--runs')) || 3;
const CHURN_PER_S = Number(arg('--churn')) || 50;
const CHURN_SECONDS = Number(arg('--seconds')) || 10;
const PROFILE = arg('--profile');

/** Rows on screen at scrollTop 0 in a 760 px viewport (name order): the stamped changes go to these. */
const VISIBLE = 15;

export interface FirstLoadResult {
  pods: number;
  coldFirstRows: number;
  coldAllCounted: number;
  warmFirstRows: number;
  warmAllCounted: number;
  busyPct: number;
  longTasks: number;
  heapMb: number;
  changeP50: number;
  changeP95: number;
  changesSeen: number;
  changesStamped: number;
  snapshotBytesPerPod: number;
}

/**
 * Page side, installed before any script of the page: when the first table row appeared and when
 * the count said all pods (performance.now(), ms since navigation), and the wall-clock time each
 * stamped restart count (>= 1000) was first in the DOM. No named helpers: the page gets this
 * function's source as tsx compiled it.
 */
function pageProbe(allText: string): void {
  const w = window as unknown as { probe: { firstRows?: number; allCounted?: number; seen: Record<string, number> } };
  w.probe = { seen: {} };
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('.data-table__body [role="row"]');
    if (rows.length > 0 && w.probe.firstRows === undefined) w.probe.firstRows = performance.now();
    if (w.probe.allCounted === undefined && document.querySelector('[data-testid="row-count"]')?.textContent === allText) w.probe.allCounted = performance.now();
    for (const row of rows) {
      const restarts = Number(row.children[4]?.textContent);
      if (restarts < 1000) continue;
      const key = `${row.children[0]?.textContent}:${restarts}`;
      w.probe.seen[key] ??= Date.now();
    }
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
}

interface Probe {
  firstRows?: number;
  allCounted?: number;
  seen: Record<string, number>;
}
const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { probe: Probe }).probe);

/**
 * 50 changes a second (one every 20 ms), as the API server would see them: every fifth goes to a
 * row on screen with a new restart count (>= 1000, stamped with the time it was written); the rest
 * to pods further down, as most changes in a big cluster are off screen.
 */
function startChurn(load: LoadCluster, pods: number): { stamps: Map<string, number>; stop(): void } {
  const stamps = new Map<string, number>();
  let tick = 0;
  let stamp = 1000;
  const offScreen = Math.max(0, pods - VISIBLE - 5);
  const timer = setInterval(() => {
    tick++;
    if (tick % 5 === 0 || offScreen === 0) {
      const name = loadPodName(tick % Math.min(VISIBLE, pods));
      const value = stamp++;
      stamps.set(`${name}:${value}`, Date.now());
      load.cluster.store.mutate('pods', 'load', name, (p) => void (p.status.containerStatuses[0].restartCount = value));
    } else {
      const name = loadPodName(VISIBLE + 5 + Math.floor(Math.random() * offScreen));
      load.cluster.store.mutate('pods', 'load', name, (p) => void (p.status.containerStatuses[0].restartCount = tick % 7));
    }
  }, 1000 / CHURN_PER_S);
  return { stamps, stop: () => clearInterval(timer) };
}

async function loaded(page: Page, go: () => Promise<unknown>): Promise<{ firstRows: number; allCounted: number }> {
  await go();
  await page.waitForFunction(() => (window as unknown as { probe?: Probe }).probe?.allCounted !== undefined, undefined, { timeout: 120_000, polling: 100 });
  const p = await probeOf(page);
  return { firstRows: p.firstRows ?? NaN, allCounted: p.allCounted ?? NaN };
}

/** A demo cluster of N pods and a console in front of it; with --profile, the console's CPU profile. */
async function startProfiledLoadCluster(pods: number): Promise<LoadCluster> {
  // The console is a child process: it inherits the environment and writes its profile when it exits.
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CPU_PROFILE_DIR: process.env.CPU_PROFILE_DIR };
  if (PROFILE) {
    process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --import tsx --import ${join(import.meta.dirname, 'cpuProfile.ts')}`;
    process.env.CPU_PROFILE_DIR = join(PROFILE, `bff-${pods}`);
  }
  return startLoadCluster(pods).finally(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

async function newProbedPage(browser: Browser, pods: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.addInitScript(pageProbe, `${pods} of ${pods} pods`);
  return page;
}

/** A first load on a console that just started (nothing listed or watched yet), under churn. */
async function coldLoad(pods: number): Promise<{ firstRows: number; allCounted: number }> {
  const load = await startLoadCluster(pods);
  const browser = await launchBrowser();
  const churn = startChurn(load, pods);
  try {
    const page = await newProbedPage(browser, pods);
    return await loaded(page, () => page.goto(`${load.console.url}c/demo/pods?ns=load`));
  } finally {
    churn.stop();
    await browser.close();
    await load.close();
  }
}

export async function measureFirstLoad(pods: number): Promise<FirstLoadResult> {
  // Cold loads need a fresh console each: all but one here, the last one below.
  const colds: { firstRows: number; allCounted: number }[] = [];
  for (let i = 1; i < RUNS; i++) colds.push(await coldLoad(pods));
  const load = await startProfiledLoadCluster(pods);
  const browser = await launchBrowser();
  const churn = startChurn(load, pods);
  try {
    const page = await newProbedPage(browser, pods);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let snapshotBytes = 0;
    cdp.on('Network.webSocketFrameReceived', (e) => {
      // A big list's snapshot is its first screen and then a `rest` message: both are the snapshot.
      if (e.response.payloadData.startsWith('{"type":"snapshot"')) snapshotBytes = e.response.payloadData.length;
      if (e.response.payloadData.startsWith('{"type":"rest"')) snapshotBytes += e.response.payloadData.length;
    });
    const url = `${load.console.url}c/demo/pods?ns=load`;

    if (PROFILE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] });
    colds.push(await loaded(page, () => page.goto(url)));
    if (PROFILE) writeFileSync(join(PROFILE, `cold-${pods}.json`), await browser.stopTracing());
    const warm: { firstRows: number; allCounted: number }[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await loaded(page, () => page.reload()));

    // The churn window: a trace of the page's main thread, and which stamped changes showed when.
    const since = Date.now();
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await new Promise((resolve) => setTimeout(resolve, CHURN_SECONDS * 1000));
    const trace = await browser.stopTracing();
    const until = Date.now();
    const busy = mainThreadBusy(trace, until - since);
    const seen = (await probeOf(page)).seen;
    const delays: number[] = [];
    let stamped = 0;
    for (const [key, at] of churn.stamps) {
      // Only changes written inside the window, and old enough to have shown.
      if (at < since || at > until - 1000) continue;
      stamped++;
      if (seen[key] !== undefined) delays.push(seen[key] - at);
    }
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return {
      pods,
      coldFirstRows: quantile(colds.map((c) => c.firstRows), 0.5),
      coldAllCounted: quantile(colds.map((c) => c.allCounted), 0.5),
      warmFirstRows: quantile(warm.map((w) => w.firstRows), 0.5),
      warmAllCounted: quantile(warm.map((w) => w.allCounted), 0.5),
      busyPct: busy.busyPct,
      longTasks: busy.longTasks,
      heapMb: heap.usedSize / 2 ** 20,
      changeP50: quantile(delays, 0.5),
      changeP95: quantile(delays, 0.95),
      changesSeen: delays.length,
      changesStamped: stamped,
      snapshotBytesPerPod: snapshotBytes / pods,
    };
  } finally {
    churn.stop();
    await browser.close();
    await load.close();
  }
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

if (import.meta.url === `file://${process.argv[1]}`) {
  if (PROFILE) mkdirSync(PROFILE, { recursive: true });
  await ensureBuilt();
  const machineLoad = () => `${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`;
  console.log(`Load average at start: ${machineLoad()}`);
  const results: FirstLoadResult[] = [];
  for (const pods of SIZES) {
    console.error(`measuring ${pods} pods with ${CHURN_PER_S} changes/s…`);
    results.push(await measureFirstLoad(pods));
  }
  const rows: [string, (r: FirstLoadResult) => string][] = [
    [`Cold load → first rows / all rows counted (median of ${RUNS} fresh consoles)`, (r) => `${ms(r.coldFirstRows)} / ${ms(r.coldAllCounted)}`],
    [`Warm reload → first rows / all rows counted (median of ${RUNS})`, (r) => `${ms(r.warmFirstRows)} / ${ms(r.warmAllCounted)}`],
    [`Main thread busy over ${CHURN_SECONDS} s of churn (long tasks)`, (r) => `${r.busyPct.toFixed(1)} % (${r.longTasks})`],
    ['JS heap after churn', (r) => `${r.heapMb.toFixed(1)} MiB`],
    ['Change → row shows it, p50 / p95 (seen / stamped)', (r) => `${ms(r.changeP50)} / ${ms(r.changeP95)} (${r.changesSeen}/${r.changesStamped})`],
    ['Live snapshot', (r) => `${r.snapshotBytesPerPod.toFixed(0)} B/pod`],
  ];
  console.log(`| Measure (${CHURN_PER_S} changes/s) | ${results.map((r) => `${r.pods.toLocaleString('en-US')} pods`).join(' | ')} |`);
  console.log(`| --- | ${results.map(() => '---').join(' | ')} |`);
  for (const [label, cell] of rows) console.log(`| ${label} | ${results.map(cell).join(' | ')} |`);
  if (results.length >= 2) {
    const [a, b] = [results[0], results.at(-1) as FirstLoadResult];
    const ratio = (f: (r: FirstLoadResult) => number) => `${(f(b) / f(a)).toFixed(2)}x`;
    console.log(`\nRatios ${b.pods} / ${a.pods} pods: cold first rows ${ratio((r) => r.coldFirstRows)}, cold all counted ${ratio((r) => r.coldAllCounted)}, warm first rows ${ratio((r) => r.warmFirstRows)}, warm all counted ${ratio((r) => r.warmAllCounted)}`);
  }
  console.log(`Load average at end: ${machineLoad()}`);
  const bff = await measureBffMemory(10_000);
  console.log(`\nBFF per 10,000 pods: informer cache ${bff.cacheMb.toFixed(1)} MiB, one subscription ${bff.subscriptionMb.toFixed(2)} MiB, view models if kept ${bff.rowsMb.toFixed(1)} MiB, snapshot message ${(bff.snapshotBytes / 2 ** 20).toFixed(2)} MiB (${(bff.snapshotBytes / 10_000).toFixed(0)} B/pod)`);
}
