/**
 * 10,000 pods arrive in two parts: the first screen (the first rows in the table's order) shows
 * at once while the count says the list is still loading, never a total it does not know; once
 * the rest has come the count is exact, and pod changes made in between are all there. The rest
 * is held back in the browser's websocket route until the test has looked at the loading page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { eventually } from '../../server/testing/eventually.ts';
import { SCREENSHOTS } from './harness.ts';
import { loadPodName, runningPod, loadClusterSession } from './loadCluster.ts';
import { podRows, waitForPods } from './page.ts';
import { waitForText } from './workloadsPage.ts';

const PODS = 10_000;
const { session, load } = loadClusterSession(PODS);

/**
 * A page whose live socket passes everything through until a `rest` message, which it holds
 * with everything after it (deltas follow the rest) until `release`.
 */
async function pageHoldingTheRest(locale: 'en' | 'zh'): Promise<{ page: Page; held: () => number; release: () => void }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 760 }, locale: locale === 'zh' ? 'zh-CN' : 'en-US' });
  if (locale === 'zh') await context.addInitScript(() => localStorage.setItem('console.language', 'zh'));
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  const held: (string | Buffer)[] = [];
  let holding = false;
  let deliver: ((m: string | Buffer) => void) | undefined;
  await page.routeWebSocket(/\/api\/live$/, (ws) => {
    const server = ws.connectToServer();
    deliver = (m) => ws.send(m);
    server.onMessage((m) => {
      if (!holding && typeof m === 'string' && m.startsWith('{"type":"rest"')) holding = true;
      if (holding) held.push(m);
      else ws.send(m);
    });
  });
  return {
    page,
    held: () => held.length,
    release: () => {
      holding = false;
      for (const m of held.splice(0)) deliver?.(m);
    },
  };
}

for (const { locale, loading, total } of [
  { locale: 'en' as const, loading: 'Loading…', total: (n: number) => `${n} of ${n} pods` },
  { locale: 'zh' as const, loading: '正在加载…', total: (n: number) => `${n} / ${n} 个 Pod` },
]) {
  test(`${locale}: the first screen of 10,000 pods shows while the count says loading; then the exact total, with the changes made meanwhile`, async () => {
    const { page, held, release } = await pageHoldingTheRest(locale);
    await page.goto(`${session.server.url}c/demo/pods?ns=load`);
    // The first rows by name are on screen while the rest is still held.
    await waitForPods(page, (r) => r[0]?.name === loadPodName(0) && r.length > 10, 'the first screen');
    await waitForText(page, '[data-testid="row-count"]', new RegExp(`^${loading}$`));
    await eventually(() => held() > 0, 'the rest to reach the page and be held', 30_000);
    assert.equal(await page.getAttribute('[role="table"]', 'aria-rowcount'), '101', 'only the first screen is in the table');
    await page.screenshot({ path: join(SCREENSHOTS, `pods-first-screen-loading-${locale}.png`) });

    // While the rest is in flight: a pod of the rest changes, and a new pod is created.
    const changed = loadPodName(5000);
    load().cluster.store.mutate('pods', 'load', changed, (p) => void (p.status.containerStatuses[0].restartCount = 42));
    const created = runningPod(90_000 + (locale === 'en' ? 1 : 2));
    load().cluster.store.create('pods', created);
    const after = PODS + (locale === 'en' ? 1 : 2);
    // Their delta comes after the rest, so it is held with it: wait for it, then let everything through.
    await eventually(() => held() > 1, 'the delta behind the rest', 30_000);
    release();
    await waitForText(page, '[data-testid="row-count"]', new RegExp(`^${total(after)}$`), 30_000);
    assert.equal(await page.getAttribute('[role="table"]', 'aria-rowcount'), String(after + 1));
    await page.screenshot({ path: join(SCREENSHOTS, `pods-first-screen-complete-${locale}.png`) });

    await page.getByTestId('filter').fill(changed);
    await waitForPods(page, (r) => r.length === 1 && r[0].name === changed, `${changed} alone`);
    await page.waitForFunction(() => document.querySelector('.data-table__body [role="row"]')?.children[4]?.textContent?.trim() === '42', undefined, { timeout: 10_000 });
    await page.getByTestId('filter').fill(String(created.metadata.name));
    await waitForPods(page, (r) => r.length === 1 && r[0].name === created.metadata.name, `${created.metadata.name}, created while the rest was held`);
    assert.equal((await podRows(page)).length, 1);
    await page.context().close();
  });
}
