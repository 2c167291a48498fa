/**
 * A Kubernetes 1.20 cluster serves CronJobs only as batch/v1beta1: the CronJob page says so,
 * lists through it live, and suspend/resume go through it (kubectl sees spec.suspend flip).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { writeKubeconfig } from '../../server/testing/consoleFixture.ts';
import { consoleSession, startConsole } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

let cluster: DemoCluster;
let dir: string;

const session = consoleSession(
  async () => {
    cluster = await startDemoCluster({ speed: 20, kubeVersion: '1.20' });
    dir = mkdtempSync(join(tmpdir(), 'console-e2e-cronjobs-120-'));
    writeKubeconfig(join(dir, 'config'), [{ name: 'demo', server: cluster.url }]);
    return startConsole({ KUBECONFIG: join(dir, 'config'), CONSOLE_DEMO: '' });
  },
  async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

test('on a 1.20 cluster the CronJob page says batch/v1beta1, and suspend/resume work through it', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/cronjobs/batch/cache-warmer`);
  await waitForText(page, '[data-testid="cronjob-api-version"]', /batch\/v1beta1$/);
  const suspend = () => kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjobs.v1beta1.batch', 'cache-warmer', '-o', 'jsonpath={.spec.suspend}']);
  await page.getByTestId('suspend').click();
  await page.locator('[data-testid="cronjob-detail"][data-suspended="true"]').waitFor();
  assert.equal(await suspend(), 'true');
  await page.getByTestId('resume').click();
  await page.locator('[data-testid="cronjob-detail"][data-suspended="false"]').waitFor();
  assert.equal(await suspend(), 'false');
  await page.goto(`${session.server.url}c/demo/cronjobs`);
  await waitForText(page, '[data-testid="list-cronjobs"]', /nightly-backup/);
  await page.context().close();
});
