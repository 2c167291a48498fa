/**
 * The explanations the BFF sends as codes read in Chinese: with the console set to 简体中文, the
 * Pending report-renderer pod's page (why it waits, its effective requests) and the crash-looping
 * recommender Deployment's page (its failed rollout) hold no English sentence outside the cluster's
 * own data, which the pages mark with `data-raw` (names, images, quantities, event messages).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { waitForText } from './workloadsPage.ts';

const session = consoleSession();

/** Three ASCII words separated by single spaces: a sentence fragment that did not get translated. */
const ENGLISH_RUN = /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/g;

async function openChinese(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1600 }, locale: 'zh-CN' });
  await context.addInitScript(() => localStorage.setItem('console.language', 'zh'));
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

/**
 * The visible text of `selector` without the cluster's own data: `[data-raw]` is hidden for the
 * read (innerText skips display:none), so table cells and blocks stay separated by tabs and
 * newlines, and only words that sit together on the page can form a run.
 */
async function textWithoutData(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const style = document.createElement('style');
    style.textContent = '[data-raw] { display: none !important; }';
    document.head.append(style);
    try {
      return (document.querySelector(sel) as HTMLElement | null)?.innerText ?? '';
    } finally {
      style.remove();
    }
  }, selector);
}

async function assertNoEnglish(page: Page, selector: string, what: string): Promise<string> {
  const text = await textWithoutData(page, selector);
  assert.ok(text.trim().length > 0, `${what} shows some text`);
  const runs = [...text.matchAll(ENGLISH_RUN)].map((m) => m[0]);
  assert.deepEqual(runs, [], `${what} holds English outside the cluster's data:\n${text}`);
  return text;
}

test('in Chinese, the Pending report-renderer pod\'s page explains why it waits and its requests without an English sentence', async () => {
  const page = await openChinese(session.browser);
  await page.goto(`${session.server.url}c/demo/pods/shop/report-renderer`);
  // Wait for the scheduler's FailedScheduling event: the report then holds every part it can.
  await page.getByTestId('why-pending-event').waitFor({ timeout: 30_000 });
  await page.getByTestId('object-events').waitFor({ timeout: 30_000 });
  const why = await waitForText(page, '[data-testid="why-pending-sentence"]', /没有节点/);
  assert.match(why, /12/, `the sentence names the 12 CPUs asked for: ${why}`);
  assert.equal(await page.locator('[data-testid="why-pending-sentence"] [data-raw]', { hasText: /^node-a$/ }).count(), 1, 'node-a is shown as data');
  await page.screenshot({ path: join(SCREENSHOTS, 'zh-pod-pending.png'), fullPage: true });

  await assertNoEnglish(page, '[data-testid="why-pending"]', 'the Pending report');
  const requests = await assertNoEnglish(page, '[data-testid="requests-explained"]', 'the effective-request explanation');
  assert.match(requests, /同时运行/, `the requests are explained in Chinese: ${requests}`);
  await assertNoEnglish(page, '#main', 'the pod page');
  await page.context().close();
});

test('in Chinese, the crash-looping recommender Deployment\'s failed rollout is explained without an English sentence', async () => {
  const page = await openChinese(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/recommender`);
  await page.waitForSelector('[data-testid="rollout-panel"][data-state="failed"][data-reason="CrashLoopBackOff"]', { timeout: 60_000 });
  await page.getByTestId('object-events').waitFor({ timeout: 30_000 });
  const message = await waitForText(page, '[data-testid="rollout-message"]', /反复崩溃/);
  assert.ok(await page.locator('[data-testid="rollout-message"] [data-raw]', { hasText: /^recommender-/ }).count(), `the example pod is shown as data: ${message}`);
  await page.screenshot({ path: join(SCREENSHOTS, 'zh-deployment-failed.png'), fullPage: true });

  await assertNoEnglish(page, '[data-testid="rollout-panel"]', 'the rollout panel');
  await assertNoEnglish(page, '#main', 'the deployment page');
  await page.context().close();
});
