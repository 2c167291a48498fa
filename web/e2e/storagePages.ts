/** What the storage browser tests share: a tall page in a language, and kubectl's view of an object. */
import type { Browser, Page } from 'playwright-core';
import assert from 'node:assert/strict';

export async function openTall(browser: Browser, language: 'en' | 'zh' = 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1600 }, locale: language === 'zh' ? 'zh-CN' : 'en-US' });
  await context.addInitScript((lang) => localStorage.setItem('console.language', lang), language);
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

/** The claims list's columns: name, namespace, status, requested → capacity, access, class, volume, provisioning, used by, age. */
export const CLAIM_COL = { name: 0, namespace: 1, status: 2, capacity: 3, access: 4, cls: 5, volume: 6, mode: 7, usedBy: 8 } as const;
