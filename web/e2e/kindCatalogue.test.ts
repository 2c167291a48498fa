/**
 * The kind catalogue in Chromium: every served kind is reachable from the navigation, a kind
 * with sections of its own gets them on the generic page (a Service's pods, a Secret's keys),
 * generic links to kinds with their own pages land on those pages, and a Deployment's
 * references lead to the ConfigMap's page itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForTable, waitForText } from './workloadsPage.ts';

const session = consoleSession();

const reachable = [
  { group: 'config', label: 'ConfigMaps', resource: 'configmaps', row: ['shop', 'api-config'] },
  { group: 'network', label: 'Services', resource: 'services', row: ['shop', 'frontend'] },
  { group: 'access', label: 'ServiceAccounts', resource: 'serviceaccounts', row: ['shop', 'default'] },
  { group: 'network', label: 'Endpoints', resource: 'endpoints', row: ['shop', 'frontend'] },
];

test('ConfigMaps, Services, ServiceAccounts and Endpoints are reachable from the navigation, in their groups', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/pods?ns=shop`);
  await page.locator('nav[data-discovered="yes"]').waitFor();
  for (const r of reachable) {
    await page.locator(`section[aria-labelledby="nav-${r.group}"] a.nav__link`, { hasText: new RegExp(`^${r.label}$`) }).click();
    await page.waitForURL(new RegExp(`/c/demo/k/${r.resource}\\?ns=shop$`));
    await waitForTable(page, (rows) => rows.some((c) => c[0] === r.row[0] && c[1] === r.row[1]), `${r.row.join('/')} in ${r.label}`);
  }
  await page.context().close();
});

test("a Service's page lists the pods it selects, each a ready endpoint, linked to the pod", async () => {
  const page = await openPage(session.browser);
  await page.setViewportSize({ width: 1400, height: 1400 });
  await page.goto(`${session.server.url}c/demo/k/services?ns=shop`);
  await page.locator('.filter input').fill('frontend');
  await page.getByRole('link', { name: 'frontend', exact: true }).click();
  await page.waitForURL(/\/c\/demo\/k\/services\/shop\/frontend$/);
  await page.getByTestId('resource-detail').waitFor();
  const pods = page.locator('[data-testid="service-pod"]');
  await pods.first().waitFor();
  const want = JSON.parse(await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'])) as { items: { metadata: { name: string } }[] };
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="service-pod"][data-endpoint="ready"]').length === n, want.items.length, { timeout: 30_000 });
  const names = await pods.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')).sort());
  assert.deepEqual(names, want.items.map((p) => p.metadata.name).sort());
  await page.screenshot({ path: join(SCREENSHOTS, 'service-page.png'), fullPage: true });
  await pods.first().getByRole('link').first().click();
  await page.waitForURL(/\/c\/demo\/pods\/shop\/frontend-/);
  await page.context().close();
});

test("a Secret's page lists its keys without values, masks its YAML, and shows one value only when asked", async () => {
  const encoded = await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'secret', 'postgres-credentials', '-o', 'jsonpath={.data.password}']);
  const value = Buffer.from(encoded, 'base64').toString('utf8');
  assert.ok(value.length > 3, 'the seeded secret has a password');
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/k/secrets/shop/postgres-credentials`);
  const key = page.locator('[data-testid="secret-key"][data-key="password"]');
  await key.waitFor();
  await page.getByTestId('yaml-toggle').click();
  await waitForText(page, '[data-testid="yaml-view"]', /password: "<hidden: \d+ bytes>"/);
  assert.equal((await page.content()).includes(value), false, 'no value on the page before Reveal');
  await key.getByTestId('secret-reveal').click();
  await waitForText(page, '[data-testid="secret-value"]', new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await key.getByTestId('secret-hide').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="secret-value"]'));
  await page.context().close();
});

test('generic links to a kind with a page of its own land on that page', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/k/deployments.apps/shop/frontend`);
  await page.waitForURL(/\/c\/demo\/deployments\/shop\/frontend$/);
  await page.goto(`${session.server.url}c/demo/k/pods?ns=shop`);
  await page.waitForURL(/\/c\/demo\/pods\?ns=shop$/);
  await page.context().close();
});

test("a Deployment's references open the ConfigMap's own page, with its data", async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/api`);
  await page.locator('[data-testid="reference"][data-kind="ConfigMap"][data-name="api-config"]').getByTestId('reference-link').click();
  await page.waitForURL(/\/c\/demo\/k\/configmaps\/shop\/api-config$/);
  await page.getByTestId('resource-detail').waitFor();
  await page.getByTestId('yaml-toggle').click();
  await waitForText(page, '[data-testid="yaml-view"]', /name: api-config/);
  await page.context().close();
});
