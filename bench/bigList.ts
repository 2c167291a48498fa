/**
 * Big-list benchmark (not a test): the pods list in Debian's Chromium with 1,000 and 10,000
 * pods, through the console's live channel. For each size: the first load (the console lists
 * and watches), a reload (its cache is warm), what the live channel carried, sorting,
 * filtering, frame times while scrolling the whole list, how long a pod change takes to show,
 * and the page's heap and DOM size. The ratios between the two sizes are the point.
 *
 *   node --import tsx bench/bigList.ts [--pods 1000,10000] [--runs 5]
 */
import type { Page } from 'playwright-core';
import { ensureBuilt, launchBrowser } from '../web/e2e/harness.ts';
import { loadPodName, startLoadCluster } from '../web/e2e/loadCluster.ts';
import { quantile } from './quantile.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('--pods') ?? '1000,10000').split(',').map(Number);
const RUNS = Number(arg('--runs')) || 5;

const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The restarts cell of the row named `name`, once it says `want`. */
function waitForRestarts(page: Page, name: string, want: string): Promise<unknown> {
  return page.waitForFunction(
    ([n, w]) => [...document.querySelectorAll('.data-table__body [role="row"]')].some((r) => r.children[0]?.textContent?.trim() === n && r.children[4]?.textContent?.trim() === w),
    [name, want] as const,
    { timeout: 30_000, polling: 'raf' },
  );
}

/** Scrolls the table from top to bottom in 240 animation frames; frame intervals and long tasks. */
function scrollThrough(page: Page): Promise<{ frames: number[]; longTasks: number[] }> {
  return page.evaluate(async () => {
    const el = document.querySelector('.data-table') as HTMLElement;
    el.scrollTop = 0;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    // No named helpers in here: the page gets this function's source as tsx compiled it.
    const steps = 240;
    const step = (el.scrollHeight - el.clientHeight) / steps;
    const frames: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let i = 1; i <= steps; i++) {
      el.scrollTop = Math.round(step * i);
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      frames.push(now - last);
      last = now;
    }
    observer.disconnect();
    return { frames, longTasks };
  });
}

interface Result {
  pods: number;
  firstLoad: number;
  warmLoad: number;
  liveBytes: number;
  sortAsc: number;
  sortDesc: number;
  filter: number;
  unfilter: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  longTasks: number;
  change: number;
  heapMb: number;
  domNodes: number;
  rows: number;
}

async function measure(pods: number): Promise<Result> {
  const load = await startLoadCluster(pods);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let liveBytes = 0;
    cdp.on('Network.webSocketFrameReceived', (e) => (liveBytes += e.response.payloadData.length));
    const all = `${pods} of ${pods} pods`;
    const url = `${load.console.url}c/demo/pods?ns=load`;

    const firstLoad = await timed(async () => {
      await page.goto(url);
      await page.getByText(all).waitFor({ timeout: 120_000 });
    });
    const snapshotBytes = liveBytes;
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(
        await timed(async () => {
          await page.reload();
          await page.getByText(all).waitFor({ timeout: 120_000 });
        }),
      );
    }

    const sortAsc: number[] = [];
    const sortDesc: number[] = [];
    const restarts = page.getByRole('button', { name: /^Restarts/ });
    for (let i = 0; i < RUNS; i++) {
      await page.goto(url);
      await page.getByText(all).waitFor({ timeout: 120_000 });
      sortAsc.push(await timed(async () => {
        await restarts.click();
        await page.locator('[role="columnheader"][aria-sort="ascending"]', { hasText: 'Restarts' }).waitFor();
      }));
      // Descending puts the pods that restarted (every 97th, 3 restarts) on top.
      sortDesc.push(await timed(async () => {
        await restarts.click();
        await page.waitForFunction(() => document.querySelector('.data-table__body [role="row"]')?.children[4]?.textContent?.trim() === '3');
      }));
    }

    const filter: number[] = [];
    const unfilter: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      filter.push(await timed(async () => {
        await page.getByTestId('filter').fill('load-0000');
        await page.getByText(`10 of ${pods} pods`).waitFor();
      }));
      unfilter.push(await timed(async () => {
        await page.getByTestId('filter').fill('');
        await page.getByText(all).waitFor();
      }));
    }

    // Name order, so the first rows are load-00000…; scroll the whole list RUNS times.
    await page.goto(url);
    await page.getByText(all).waitFor({ timeout: 120_000 });
    const frames: number[] = [];
    let longTasks = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await scrollThrough(page);
      frames.push(...r.frames);
      longTasks += r.longTasks.length;
    }

    // A pod's change, written to the API server, until its row shows it (the live channel batches every 100 ms).
    await page.$eval('.data-table', (el) => (el.scrollTop = 0));
    const change: number[] = [];
    const name = loadPodName(1);
    for (let i = 1; i <= RUNS; i++) {
      const want = String(10 + i);
      change.push(await timed(async () => {
        load.cluster.store.mutate('pods', 'load', name, (p) => void (p.status.containerStatuses[0].restartCount = Number(want)));
        await waitForRestarts(page, name, want);
      }));
    }

    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = await page.evaluate(() => ({ nodes: document.getElementsByTagName('*').length, rows: document.querySelectorAll('.data-table__body [role="row"]').length }));
    return {
      pods,
      firstLoad,
      warmLoad: median(warm),
      liveBytes: snapshotBytes,
      sortAsc: median(sortAsc),
      sortDesc: median(sortDesc),
      filter: median(filter),
      unfilter: median(unfilter),
      frameP50: median(frames),
      frameP95: quantile(frames, 0.95),
      frameMax: Math.max(...frames),
      longTasks,
      change: median(change),
      heapMb: heap.usedSize / 2 ** 20,
      domNodes: dom.nodes,
      rows: dom.rows,
    };
  } finally {
    await browser.close();
    await load.close();
  }
}

await ensureBuilt();
const results: Result[] = [];
for (const pods of SIZES) {
  console.error(`measuring ${pods} pods…`);
  results.push(await measure(pods));
}

const rows: [string, (r: Result) => string][] = [
  ['First load (console lists and watches) → all rows counted', (r) => ms(r.firstLoad)],
  ['Reload, console cache warm (median)', (r) => ms(r.warmLoad)],
  ['Live channel, first load', (r) => `${(r.liveBytes / 1024).toFixed(0)} KiB (${(r.liveBytes / r.pods).toFixed(0)} B/pod)`],
  ['Sort by restarts, ascending / descending (median)', (r) => `${ms(r.sortAsc)} / ${ms(r.sortDesc)}`],
  ['Filter to 10 rows / clear it (median)', (r) => `${ms(r.filter)} / ${ms(r.unfilter)}`],
  [`Scrolling the whole list: frame p50 / p95 / max (${RUNS}×240 frames)`, (r) => `${r.frameP50.toFixed(1)} / ${r.frameP95.toFixed(1)} / ${r.frameMax.toFixed(0)} ms`],
  ['Long tasks (> 50 ms) while scrolling', (r) => String(r.longTasks)],
  ['A pod change → its row updated (median)', (r) => ms(r.change)],
  ['JS heap / DOM elements / rows in the DOM', (r) => `${r.heapMb.toFixed(1)} MiB / ${r.domNodes} / ${r.rows}`],
];
console.log(`| Measure | ${results.map((r) => `${r.pods.toLocaleString('en-US')} pods`).join(' | ')} |`);
console.log(`| --- | ${results.map(() => '---').join(' | ')} |`);
for (const [label, cell] of rows) console.log(`| ${label} | ${results.map(cell).join(' | ')} |`);
