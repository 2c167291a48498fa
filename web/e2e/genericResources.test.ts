/**
 * The generic pages in Chromium against the console's demo cluster: any served kind lists at
 * /c/demo/k/{resource} with exactly kubectl's columns (the API server's Table, checked against
 * `kubectl get -A` on the same cluster), live; a ConfigMap's page shows its labels and YAML, and
 * deleting it asks for its name first. Screenshots in English and 简体中文.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForTable, waitForText } from './workloadsPage.ts';

const session = consoleSession();

/** kubectl's header and its (namespace, name) pairs, from `kubectl get <resource> -A`. */
async function kubectlTable(resource: string): Promise<{ headers: string[]; rows: string[][] }> {
  const lines = (await kubectlOk(session.server.url, ['get', resource, '-A'])).trim().split('\n');
  // kubectl pads columns with at least three spaces; one space sits inside names like "NOMINATED NODE".
  const split = (l: string) => l.trim().split(/\s{2,}/);
  return { headers: split(lines[0]), rows: lines.slice(1).map((l) => split(l).slice(0, 2)) };
}

async function headers(page: Page): Promise<string[]> {
  return page.$$eval('.data-table__head [role="columnheader"]', (cells) => cells.map((c) => (c.querySelector('button')?.firstChild?.textContent ?? c.textContent ?? '').trim()));
}

async function openList(browser: Browser, resource: string, height = 1600): Promise<Page> {
  const page = await openPage(browser);
  await page.setViewportSize({ width: 1400, height });
  await page.goto(`${session.server.url}c/demo/k/${resource}`);
  await page.getByTestId('resource-list').waitFor();
  return page;
}

for (const resource of ['configmaps', 'services', 'serviceaccounts', 'endpoints', 'poddisruptionbudgets.policy']) {
  test(`${resource} list with exactly kubectl's columns and the same objects`, async () => {
    const want = await kubectlTable(resource);
    const page = await openList(session.browser, resource);
    const rows = await waitForTable(page, (r) => r.length >= Math.min(want.rows.length, 10), `${resource} rows`);
    assert.deepEqual((await headers(page)).map((h) => h.toUpperCase()), want.headers);
    const namespaced = want.headers[0] === 'NAMESPACE';
    const known = new Set(want.rows.map((r) => (namespaced ? `${r[0]}/${r[1]}` : r[0])));
    for (const r of rows) assert.ok(known.has(namespaced ? `${r[0]}/${r[1]}` : r[0]), `${r.slice(0, 2).join('/')} is not in kubectl's list`);
    await waitForText(page, '[data-testid="row-count"]', new RegExp(`^${want.rows.length} of ${want.rows.length}$`));
    await page.context().close();
  });
}

test('a ConfigMap created and then edited with kubectl shows up and changes in the open list', async () => {
  const page = await openList(session.browser, 'configmaps');
  await page.locator('.filter input').fill('generic-live');
  await kubectlOk(session.server.url, ['-n', 'shop', 'create', 'configmap', 'generic-live', '--from-literal=a=1']);
  await waitForTable(page, (r) => r.some((c) => c[0] === 'shop' && c[1] === 'generic-live' && c[2] === '1'), 'the created ConfigMap with DATA 1');
  await kubectlOk(session.server.url, ['-n', 'shop', 'patch', 'configmap', 'generic-live', '--type=merge', '-p', '{"data":{"b":"2","c":"3"}}']);
  await waitForTable(page, (r) => r.some((c) => c[1] === 'generic-live' && c[2] === '3'), 'the DATA cell going to 3');
  await page.screenshot({ path: join(SCREENSHOTS, 'generic-configmaps.png') });
  await page.context().close();
});

test("a ConfigMap's page shows its labels and its YAML, and deleting it asks for its name", async () => {
  await kubectlOk(session.server.url, ['-n', 'shop', 'create', 'configmap', 'generic-detail', '--from-literal=k=v']);
  await kubectlOk(session.server.url, ['-n', 'shop', 'label', 'configmap', 'generic-detail', 'team=payments']);
  const page = await openList(session.browser, 'configmaps');
  await page.locator('.filter input').fill('generic-detail');
  await page.getByRole('link', { name: 'generic-detail' }).click();
  await page.getByTestId('resource-detail').waitFor();
  await waitForText(page, '[data-testid="object-labels"]', /team=payments/);
  await page.getByTestId('yaml-toggle').click();
  await waitForText(page, '[data-testid="yaml-view"]', /name: generic-detail/);
  await page.screenshot({ path: join(SCREENSHOTS, 'generic-configmap-detail.png'), fullPage: true });

  await page.getByTestId('delete-open').click();
  const confirm = page.getByTestId('delete-confirm');
  assert.equal(await confirm.isDisabled(), true, 'nothing is deleted before the name is typed');
  await page.getByTestId('delete-name').fill('generic-detail');
  await confirm.click();
  await page.getByTestId('resource-list').waitFor();
  const gone = await kubectl404('generic-detail');
  assert.ok(gone, 'kubectl no longer finds the ConfigMap');
  await page.context().close();
});

async function kubectl404(name: string): Promise<boolean> {
  const out = await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'configmaps', '--ignore-not-found', name]);
  return out.trim() === '';
}

test('the generic list in 简体中文', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript(() => localStorage.setItem('console.language', 'zh'));
  const page = await context.newPage();
  await page.goto(`${session.server.url}c/demo/k/services`);
  await waitForTable(page, (r) => r.length > 0, 'services rows');
  assert.equal((await headers(page))[0], '命名空间');
  await page.screenshot({ path: join(SCREENSHOTS, 'zh-generic-services.png') });
  await page.goto(`${session.server.url}c/demo/k/configmaps/kube-system/kube-root-ca.crt`);
  await page.getByTestId('resource-detail').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'zh-generic-configmap-detail.png'), fullPage: true });
  await context.close();
});
