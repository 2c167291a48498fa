/** What the workload browser tests read from the lists and detail pages, and kubectl through the console. */
import type { Browser, Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { kubectl } from '../../server/testing/consoleFixture.ts';

/** Every rendered row of the table as its cells' text, keyed by the first column that names it. */
export async function tableCells(page: Page): Promise<string[][]> {
  return page.$$eval('.data-table__body [role="row"]', (rows) => rows.map((r) => [...r.querySelectorAll('[role="cell"]')].map((c) => c.textContent?.trim() ?? '')));
}

/** Waits until `check` holds for the table's rows (polls the DOM; the list is live). */
export async function waitForTable(page: Page, check: (rows: string[][]) => boolean, what: string, timeout = 30_000): Promise<string[][]> {
  const deadline = Date.now() + timeout;
  let rows: string[][] = [];
  while (Date.now() < deadline) {
    rows = await tableCells(page);
    if (rows.length > 0 && check(rows)) return rows;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting for ${what}; the table shows ${JSON.stringify(rows.slice(0, 12))}`);
}

/** Waits until the text of `selector` matches. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await page.locator(selector).first().textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting for ${selector} to match ${pattern}; it shows ${JSON.stringify(text.slice(0, 400))}`);
}

export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

/** kubectl against the demo cluster through the console's proxy; fails the test on a non-zero exit. */
export async function kubectlOk(consoleUrl: string, args: string[]): Promise<string> {
  const r = await kubectl(['--server', `${consoleUrl}k8s/demo`, ...args]);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
