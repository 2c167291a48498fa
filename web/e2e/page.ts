/** What the browser tests read from and do to the shell, so the tests read like the operator's story. */
import type { Page } from 'playwright-core';

export interface VisibleRow {
  name: string;
  namespace: string;
  status: string;
}

/** The rows the pod table currently renders (the virtualised window, which is all of them for the seed). */
export async function podRows(page: Page): Promise<VisibleRow[]> {
  return page.$$eval('.data-table__body [role="row"]', (rows) =>
    rows.map((r) => {
      const cells = [...r.querySelectorAll('[role="cell"]')].map((c) => c.textContent?.trim() ?? '');
      return { name: cells[0] ?? '', namespace: cells[1] ?? '', status: cells[2] ?? '' };
    }),
  );
}

/**
 * Waits until the pod table shows rows that satisfy `check`; `refresh`, when given, runs before
 * each look (to read what the check compares against).
 */
export async function waitForPods(page: Page, check: (rows: VisibleRow[]) => boolean, what: string, timeout = 30_000, refresh?: () => Promise<void>): Promise<VisibleRow[]> {
  const deadline = Date.now() + timeout;
  let rows: VisibleRow[] = [];
  while (Date.now() < deadline) {
    await refresh?.();
    rows = await podRows(page);
    if (rows.length > 0 && check(rows)) return rows;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting for ${what}; the table shows ${JSON.stringify(rows.slice(0, 20))}`);
}

export async function connectionPhase(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="connection"]', 'data-phase');
}

export async function waitForPhase(page: Page, phase: 'open' | 'reconnecting' | 'connecting', timeout = 20_000): Promise<void> {
  await page.waitForSelector(`[data-testid="connection"][data-phase="${phase}"]`, { timeout });
}

/** Opens the namespace picker and clicks the checkbox labelled `label`, then closes the picker. */
export async function pickNamespace(page: Page, label: string): Promise<void> {
  const button = page.getByTestId('namespace-picker');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.getByRole('checkbox', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
}

export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}
