/**
 * Several kubeconfig contexts in the browser: two pointing at a demo cluster and one at an
 * address where nothing listens. The switcher marks the unreachable one, switching keeps the
 * view and namespaces, and the unreachable cluster is explained, not dumped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { writeKubeconfig } from '../../server/testing/consoleFixture.ts';
import { freePort } from '../../server/testing/freePort.ts';
import { consoleSession, SCREENSHOTS, startConsole } from './harness.ts';
import { waitForPhase, waitForPods } from './page.ts';

let cluster: DemoCluster;
let dir: string;

const session = consoleSession(
  async () => {
    cluster = await startDemoCluster({ speed: 20 });
    dir = mkdtempSync(join(tmpdir(), 'console-e2e-contexts-'));
    const kubeconfig = join(dir, 'config');
    writeKubeconfig(kubeconfig, [
      { name: 'demo', server: cluster.url },
      { name: 'team/staging@demo', server: cluster.url },
      { name: 'offline', server: `http://127.0.0.1:${await freePort()}` },
    ]);
    return startConsole({ KUBECONFIG: kubeconfig, CONSOLE_DEMO: '' });
  },
  async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

test('the context switcher lists every kubeconfig context and marks the unreachable one', async () => {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.goto(session.server.url);
  await page.waitForURL(/\/c\/demo\/pods$/);
  // The switcher shows the loaded list at once (no one-entry flash after the root redirect).
  await page.getByTestId('context-switcher').waitFor();
  assert.equal(await page.locator('[data-testid="context-switcher"] option').count(), 3);
  const options = await page.$$eval('[data-testid="context-switcher"] option', (os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent, reachable: o.getAttribute('data-reachable') })),
  );
  assert.deepEqual(options, [
    { value: 'demo', text: 'demo', reachable: 'true' },
    { value: 'team/staging@demo', text: 'team/staging@demo', reachable: 'true' },
    { value: 'offline', text: 'offline (unreachable)', reachable: 'false' },
  ]);
  await page.close();
});

test('switching context keeps the view and namespaces, even for a context name with / and @', async () => {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.goto(`${session.server.url}c/demo/pods?ns=shop`);
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop'), 'shop pods in demo');

  await page.getByTestId('context-switcher').selectOption('team/staging@demo');
  await page.waitForURL((u) => u.pathname.endsWith('/c/team%2Fstaging%40demo/pods') && u.searchParams.get('ns') === 'shop');
  await waitForPhase(page, 'open');
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop') && r.some((x) => x.name === 'report-renderer'), 'shop pods through the second context');

  // Reloading the encoded address lands on the same context.
  await page.reload();
  assert.equal(await page.getByTestId('context-switcher').inputValue(), 'team/staging@demo');
  await waitForPods(page, (r) => r.every((x) => x.namespace === 'shop'), 'shop pods after reload');
  await page.close();
});

test('an unreachable context is explained as a sentence naming the cluster', async () => {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  await page.goto(`${session.server.url}c/demo/pods`);
  await page.getByTestId('context-switcher').selectOption('offline');
  await page.waitForURL(/\/c\/offline\/pods$/);
  const alert = page.locator('.status-message[data-code="503"]');
  await alert.waitFor({ timeout: 20_000 });
  const text = (await alert.textContent()) ?? '';
  assert.match(text, /Cannot reach cluster offline\./);
  assert.match(text, /Check that the cluster is running/);
  // The live channel itself is fine: only that subscription failed.
  assert.equal(await page.getAttribute('[data-testid="connection"]', 'data-phase'), 'open');
  await page.screenshot({ path: join(SCREENSHOTS, 'shell-unreachable-context.png') });
  await page.close();
});
