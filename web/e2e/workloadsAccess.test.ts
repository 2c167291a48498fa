/**
 * Permissions on the Deployment page: a viewer (get/list/watch only, per the demo cluster's
 * policy) sees the write actions disabled, with the reason on hover, instead of failing later.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { ensureBuilt, launchBrowser, startConsole, type ConsoleProcess } from './harness.ts';
import { openPage, waitForText } from './workloadsPage.ts';

let cluster: DemoCluster;
let server: ConsoleProcess;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'console-access-'));

before(async () => {
  await ensureBuilt();
  const policy = join(dir, 'policy.json');
  const viewerRules = [
    { verbs: ['get', 'list', 'watch'], resources: ['*'] },
    { verbs: ['create'], resources: ['selfsubjectaccessreviews.authorization.k8s.io'] },
  ];
  writeFileSync(policy, JSON.stringify({ users: { viewer: { token: 'viewer-token', rules: viewerRules } } }));
  cluster = await startDemoCluster({ port: 0, speed: 20, token: 'admin-token', policyFile: policy });
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'sim', cluster: { server: cluster.url } }],
      users: [{ name: 'viewer', user: { token: 'viewer-token' } }],
      contexts: [{ name: 'viewer', context: { cluster: 'sim', user: 'viewer' } }],
      'current-context': 'viewer',
    }),
  );
  server = await startConsole({ KUBECONFIG: kubeconfig });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a viewer sees the frontend deployment but Restart, Delete, Scale and Set image are disabled with the reason on hover', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}c/viewer/deployments/shop/frontend`);
  await waitForText(page, '[data-testid="scale-ready"]', /of 2 wanted/);
  const restart = page.getByRole('button', { name: 'Restart', exact: true });
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Restart' && b.disabled), undefined, { timeout: 20_000 });
  assert.match((await restart.getAttribute('title')) ?? '', /Not allowed.*update deployments\.apps/);
  // Each verb has its own access review; wait for each answer rather than read once.
  await page.locator('[data-testid="delete"]:disabled').waitFor({ timeout: 20_000 });
  assert.match((await page.getByTestId('delete').getAttribute('title')) ?? '', /delete deployments\.apps/);
  await page.getByTestId('scale-input').fill('4');
  await page.locator('[data-testid="scale-submit"]:disabled').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="set-image-web"] [data-testid="image-submit"]:disabled').waitFor({ timeout: 20_000 });
  await page.context().close();
});
