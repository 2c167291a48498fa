/**
 * Expanding claims in Chromium against the demo cluster: a claim of the expandable class
 * standard shows the resize conditions as the cluster moves through them and then the new
 * capacity; a claim nobody mounts stays at FileSystemResizePending (the kubelet grows the file
 * system only where a pod mounts it); a claim of class manual cannot be expanded, and says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { openTall } from './storagePages.ts';
import { kubectlOk, waitForText } from './workloadsPage.ts';

const session = consoleSession();
const url = () => session.server.url;

/** Records every resize state the page shows, in order (a MutationObserver in the page). */
async function recordResizeStates(page: Page): Promise<() => Promise<string[]>> {
  // A string, not a function: the test runner's transform would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = [];
    window.resizeStates = seen;
    const note = () => {
      const s = document.querySelector('[data-testid="claim-resize"]')?.getAttribute('data-state') ?? 'hidden';
      if (seen[seen.length - 1] !== s) seen.push(s);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  })()`);
  return () => page.evaluate(() => (window as unknown as { resizeStates: string[] }).resizeStates);
}

async function expand(page: Page, size: string): Promise<void> {
  await page.getByTestId('claim-expand').click();
  const input = page.getByTestId('claim-expand-size');
  await input.fill('1Gi');
  assert.equal(await page.getByTestId('claim-expand-confirm').isDisabled(), true, 'the same size is no expansion');
  await input.fill('2 GB');
  assert.equal(await page.getByTestId('claim-expand-confirm').isDisabled(), true, 'a malformed size is refused before anything is sent');
  await input.fill(size);
  await page.getByTestId('claim-expand-confirm').click();
  await waitForText(page, '.toast--success', new RegExp(`expand .* to ${size}`), 15_000);
}

test('expanding uploads (class standard, mounted by the uploader pod) shows the resize progress, then capacity 2Gi', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/uploads`);
  await waitForText(page, '[data-testid="claim-capacity"]', /^1Gi$/);
  await waitForText(page, '[data-testid="claim-pods"]', /uploader-/);
  assert.equal(await page.getByTestId('claim-expand').isDisabled(), false);
  const states = await recordResizeStates(page);
  await expand(page, '2Gi');
  await waitForText(page, '[data-testid="claim-requested"]', /^2Gi$/);
  await waitForText(page, '[data-testid="claim-capacity"]', /^2Gi$/, 60_000);
  // The page follows the resizers live; the demo cluster may finish between two refreshes, so
  // the steps they reported (their events) are what proves the progress was shown, in order.
  await waitForText(page, '[data-testid="claim-resize-steps"]', /Resizing[\s\S]*FileSystemResizeRequired[\s\S]*FileSystemResizeSuccessful/, 60_000);
  const shown = await states();
  assert.equal(shown[shown.length - 1], 'none', `the panel ends at done: ${JSON.stringify(shown)}`);
  const capacity = (await kubectlOk(url(), ['get', 'pvc', '-n', 'storage-demo', 'uploads', '-o', 'jsonpath={.status.capacity.storage}'])).trim();
  assert.equal(capacity, '2Gi', 'kubectl shows the new capacity');
  await waitForText(page, '[data-testid="claim-resize-sentence"]', /^Capacity 2Gi covers the request 2Gi\.$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-expanded.png'), fullPage: true });
  await page.context().close();
});

test('expanding orphan-cache, which no pod mounts, stops at FileSystemResizePending with the old capacity', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/orphan-cache`);
  await waitForText(page, '[data-testid="claim-capacity"]', /^1Gi$/);
  await expand(page, '3Gi');
  await waitForText(page, '[data-testid="claim-resize-sentence"]', /^The volume is grown to 3Gi; the kubelet grows the file system/, 60_000);
  assert.equal(await page.getByTestId('claim-resize').getAttribute('data-state'), 'fileSystemResizePending');
  await waitForText(page, '[data-testid="claim-conditions"]', /FileSystemResizePending[\s\S]*True/);
  assert.equal(await page.getByTestId('claim-capacity').textContent(), '1Gi');
  const conditions = await kubectlOk(url(), ['get', 'pvc', '-n', 'storage-demo', 'orphan-cache', '-o', 'jsonpath={.status.conditions[*].type}']);
  assert.match(conditions, /FileSystemResizePending/, 'kubectl shows the same condition');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-fs-pending.png'), fullPage: true });
  await page.context().close();
});

test('a claim of class manual cannot be expanded: the action is disabled and says why', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/archive`);
  await waitForText(page, '[data-testid="claim-phase"]', /^Bound$/);
  assert.equal(await page.getByTestId('claim-expand').isDisabled(), true);
  assert.equal(await page.getByTestId('claim-expand-blocked').textContent(), 'Cannot expand: storage class manual does not set allowVolumeExpansion.');
  await page.context().close();
});

test('简体中文: the expansion reason and progress', async () => {
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/archive`);
  await waitForText(page, '[data-testid="claim-expand-blocked"]', /无法扩容：存储类 manual 未设置 allowVolumeExpansion。/);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/orphan-cache`);
  await waitForText(page, '[data-testid="claim-resize-sentence"]', /卷已扩到 3Gi/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-fs-pending-zh.png'), fullPage: true });
  await page.context().close();
});
