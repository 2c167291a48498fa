/**
 * 10,000 pods in one list: the table keeps only the visible rows in the DOM, scrolls to the
 * end, sorts and filters, while the list stays live.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadPodName, runningPod, loadClusterSession } from './loadCluster.ts';
import { waitForPods } from './page.ts';

const PODS = 10_000;
const { session, load } = loadClusterSession(PODS);

const renderedRows = (page: Page) => page.$$eval('.data-table__body [role="row"]', (rows) => rows.length);

async function scrollTableTo(page: Page, top: number | 'end'): Promise<void> {
  await page.$eval(
    '.data-table',
    (el, to) => {
      el.scrollTop = to === 'end' ? el.scrollHeight : to;
    },
    top,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

test('10,000 pods load into the list but only a screenful of rows is in the page', async () => {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.goto(`${session.server.url}c/demo/pods?ns=load`);
  await page.getByText(`${PODS} of ${PODS} pods`).waitFor({ timeout: 60_000 });
  assert.equal(await page.getAttribute('[role="table"]', 'aria-rowcount'), String(PODS + 1));
  const rendered = await renderedRows(page);
  assert.ok(rendered > 10 && rendered < 80, `${rendered} rows in the DOM`);

  // Scrolling through the list in steps renders the rows at each position, and the DOM stays small.
  for (let step = 1; step <= 20; step++) {
    await scrollTableTo(page, step * 14_000);
    const expected = loadPodName(Math.floor((step * 14_000) / 30));
    const rows = await waitForPods(page, (r) => r.some((x) => x.name === expected), `row ${expected} rendered after scrolling`);
    assert.ok(rows.length < 80);
  }

  await scrollTableTo(page, 'end');
  const lastName = loadPodName(PODS - 1);
  await waitForPods(page, (r) => r.at(-1)?.name === lastName, `${lastName} last after scrolling to the end`);
  await page.close();
});

test('sorting and filtering 10,000 pods shows the right rows, and the filtered list stays live', async () => {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.goto(`${session.server.url}c/demo/pods?ns=load`);
  await page.getByText(`${PODS} of ${PODS} pods`).waitFor({ timeout: 60_000 });

  await page.getByRole('button', { name: /^Restarts/ }).click();
  // The second click toggles what the first one rendered; wait for that render.
  await page.locator('[role="columnheader"][aria-sort="ascending"]', { hasText: 'Restarts' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Restarts/ }).click();
  await page.waitForURL(/sort=-restarts/);
  // The URL changes first; the sorted rows follow on the next render. (How fast is for a benchmark, not a test.)
  const restartsOfTopRows = () => page.$$eval('.data-table__body [role="row"]', (rows) => rows.slice(0, 3).map((r) => r.children[4]?.textContent?.trim()));
  await page.waitForFunction(() => [...document.querySelectorAll('.data-table__body [role="row"]')].slice(0, 3).every((r) => r.children[4]?.textContent?.trim() === '3'), undefined, { timeout: 15_000 });
  assert.deepEqual(await restartsOfTopRows(), ['3', '3', '3']);

  // Typed at machine speed, faster than 10,000 rows re-render: no key is lost.
  await page.getByTestId('filter').click();
  await page.keyboard.type('load-0999');
  await page.getByText(`10 of ${PODS} pods`).waitFor();
  assert.equal(await page.getByTestId('filter').inputValue(), 'load-0999');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'load-0999');
  assert.equal(new URL(page.url()).searchParams.get('sort'), '-restarts');

  // Still live: a new pod appears in the sorted, filtered list without a reload.
  load().cluster.store.create('pods', runningPod(99_990));
  await page.getByTestId('filter').fill('load-9999');
  await page.getByText(`1 of ${PODS + 1} pods`).waitFor({ timeout: 10_000 });
  await waitForPods(page, (r) => r.length === 1 && r[0].name === 'load-99990', 'only the new pod matches');
  await page.close();
});
