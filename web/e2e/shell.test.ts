/**
 * The SPA shell in Debian's Chromium against the real console and its demo cluster:
 * seeded pods, namespace selection in the URL, deep links, the live connection surviving a
 * console restart, errors as sentences, and failed GETs never served from the browser cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleSession, eventually, loggedRequests, SCREENSHOTS, startConsole } from './harness.ts';
import { pickNamespace, searchParams, waitForPhase, waitForPods } from './page.ts';

/** Seeded namespaces that hold pods (default and storage-demo hold none until a claim is used). */
const NAMESPACES_WITH_PODS = ['shop', 'batch', 'kube-system'];

const session = consoleSession();


async function openPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 760 }, colorScheme, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

test('the shell opens on the current context and lists the seeded pods of every namespace, live', async () => {
  const page = await openPage();
  await page.goto(session.server.url);
  await page.waitForURL(/\/c\/demo\/pods$/);
  await waitForPhase(page, 'open');
  const rows = await waitForPods(page, (r) => NAMESPACES_WITH_PODS.every((ns) => r.some((x) => x.namespace === ns)), 'pods from the seeded namespaces');
  assert.ok(rows.some((r) => r.status === 'Running'), 'some seeded pods run');
  // Navigation groups what the cluster serves, as operators think of it (the demo cluster has no custom resources).
  await page.locator('nav[data-discovered="yes"]').waitFor();
  const groups = await page.$$eval('.nav__heading', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(groups, ['Workloads', 'Batch', 'Network', 'Config', 'Storage', 'Access', 'Cluster']);
  await page.waitForTimeout(1500); // let the demo cluster's pods settle for the picture
  await page.screenshot({ path: join(SCREENSHOTS, 'shell-pods.png') });
  await page.context().close();

  const dark = await openPage('dark');
  await dark.goto(`${session.server.url}c/demo/pods?ns=shop,batch`);
  await waitForPods(dark, (r) => r.some((x) => x.namespace === 'batch'), 'shop and batch pods in dark mode');
  const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(246, 247, 249)', 'the dark scheme follows the system setting');
  await dark.screenshot({ path: join(SCREENSHOTS, 'shell-pods-dark.png') });
  await dark.context().close();
});

test('choosing namespaces in the multi-select narrows the pods and writes the choice to the URL', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/demo/pods`);
  await waitForPods(page, (r) => r.some((x) => x.namespace === 'kube-system'), 'all namespaces');

  await pickNamespace(page, 'shop');
  await page.waitForURL(/ns=shop$/);
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop'), 'only shop pods');

  await pickNamespace(page, 'batch');
  await page.waitForURL(/ns=shop,batch$/);
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop' || x.namespace === 'batch') && r.some((x) => x.namespace === 'batch'), 'shop and batch pods');

  await pickNamespace(page, 'All namespaces');
  await page.waitForURL((u) => !u.searchParams.has('ns'));
  await waitForPods(page, (r) => r.some((x) => x.namespace === 'kube-system'), 'all namespaces again');

  // Going to the namespaces view and back keeps the selection.
  await pickNamespace(page, 'default');
  // Nav links carry the rendered selection: wait for it before following one.
  await page.locator('a.nav__link[href$="namespaces?ns=default"]').waitFor();
  await page.getByRole('link', { name: 'Namespaces', exact: true }).click();
  await page.waitForURL(/\/c\/demo\/namespaces\?ns=default$/);
  await page.getByRole('link', { name: 'Pods', exact: true }).click();
  await page.waitForURL(/\/c\/demo\/pods\?ns=default$/);
  await page.context().close();
});

test('a deep link to filtered pods reloads to the same filtered view', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/demo/pods?ns=shop&q=api`);
  const check = (rows: { name: string; namespace: string }[]) => rows.every((r) => r.namespace === 'shop' && r.name.includes('api'));
  const first = await waitForPods(page, check, 'shop pods matching "api"');
  assert.equal(await page.getByTestId('filter').inputValue(), 'api');
  assert.equal((await page.getByTestId('namespace-picker').textContent())?.replace('▾', '').trim(), 'shop');

  // Sorting is part of the address too.
  await page.getByRole('button', { name: /^Age/ }).click();
  await page.waitForURL(/sort=age/);

  await page.reload();
  // The demo cluster replaces pods as it lives, so the same view is the same filter over what
  // the cluster holds now: the rows after reload are exactly shop's pods whose names hold "api".
  let now: string[] = [];
  await waitForPods(page, (rows) => check(rows) && rows.map((r) => r.name).sort().join() === now.join(), 'the same view after reload', 30_000, async () => {
    const list = (await (await fetch(`${session.server.url}k8s/demo/api/v1/namespaces/shop/pods`)).json()) as { items: { metadata: { name: string } }[] };
    now = list.items.map((p) => p.metadata.name).filter((n) => n.includes('api')).sort();
  });
  assert.ok(first.length > 0);
  assert.equal(await page.getByTestId('filter').inputValue(), 'api');
  assert.equal(searchParams(page).get('sort'), 'age');
  assert.equal(await page.getAttribute('[role="columnheader"][aria-sort="ascending"]', 'aria-sort'), 'ascending');
  await page.context().close();
});

test('an unknown context in the URL says so and offers the current one', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/nope/pods`);
  await page.getByTestId('unknown-context').waitFor();
  assert.match((await page.getByTestId('unknown-context').textContent()) ?? '', /Context “nope” is not configured/);
  await page.getByRole('link', { name: 'Go to the pods of the current context' }).click();
  await page.waitForURL(/\/c\/demo\/pods$/);
  await page.context().close();
});

test('switching the language to Simplified Chinese translates the shell', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/demo/pods?ns=shop`);
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop'), 'shop pods');
  await page.getByTestId('language').selectOption('zh');
  await page.getByRole('heading', { name: 'Pod', exact: true }).waitFor();
  await page.locator('nav[data-discovered="yes"]').waitFor();
  assert.deepEqual(await page.$$eval('.nav__heading', (hs) => hs.map((h) => h.textContent)), ['工作负载', '批处理', '网络', '配置', '存储', '访问控制', '集群']);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.context().close();
});

test('in Chromium, repeating a failed GET goes to the network, not the disk cache', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/demo/namespaces`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen: { url: string; status: number; fromDiskCache: boolean; cacheControl?: string }[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = e.response.headers as Record<string, string>;
    seen.push({ url: e.response.url, status: e.response.status, fromDiskCache: Boolean(e.response.fromDiskCache), cacheControl: headers['cache-control'] ?? headers['Cache-Control'] });
  });
  const paths = ['api/contexts/nope', 'k8s/demo/api/v1/namespaces/default/pods/nope'];
  for (const path of paths) {
    for (let i = 0; i < 2; i++) {
      const status = await page.evaluate(async (p) => (await fetch(p)).status, path);
      assert.equal(status, 404, path);
    }
  }
  await eventually('both requests for each path seen by the browser and the console', () =>
    paths.every((p) => seen.filter((s) => s.url.endsWith(`/${p}`)).length >= 2 && loggedRequests(session.server.logs, `/${p}`) >= 2),
  );
  for (const path of paths) {
    const hits = seen.filter((s) => s.url.endsWith(`/${path}`));
    assert.equal(hits.length, 2, `${path}: ${JSON.stringify(seen)}`);
    for (const hit of hits) {
      assert.equal(hit.fromDiskCache, false, `${path} came from the disk cache`);
      assert.match(hit.cacheControl ?? '', /no-store/);
    }
    assert.equal(loggedRequests(session.server.logs, `/${path}`), 2, `the console saw both requests for /${path}`);
  }
  await page.context().close();
});

test('when the console restarts, the connection indicator shows reconnecting and the pods come back without a reload', async () => {
  const page = await openPage();
  await page.goto(`${session.server.url}c/demo/pods?ns=shop`);
  await waitForPhase(page, 'open');
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop'), 'shop pods');
  const marker = await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = Date.now()));

  const port = session.server.port;
  await session.server.stop();
  await waitForPhase(page, 'reconnecting');
  assert.match((await page.getAttribute('[data-testid="connection"]', 'title')) ?? '', /Reconnecting/);
  await page.getByText('Showing the last known state while reconnecting.').waitFor();

  session.server = await startConsole({ CONSOLE_DEMO: '1' }, port);
  await waitForPhase(page, 'open', 30_000);
  await page.getByText('Live updates restored.').waitFor();
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop') && r.some((x) => x.name === 'report-renderer'), 'shop pods from the restarted console');
  assert.equal(await page.evaluate(() => (window as unknown as { __noReload: number }).__noReload), marker, 'the page was not reloaded');
  await page.context().close();
});
