/**
 * Creating a CronJob on a Kubernetes 1.20 cluster, which serves CronJobs only as batch/v1beta1:
 * the form's time zone is off with the reason (v1beta1 has no spec.timeZone), the YAML template
 * is batch/v1beta1, and the CronJob the form creates is one kubectl reads through v1beta1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { writeKubeconfig } from '../../server/testing/consoleFixture.ts';
import { consoleSession, startConsole } from './harness.ts';
import { openTall } from './storagePages.ts';
import { kubectlOk, waitForText } from './workloadsPage.ts';

let cluster: DemoCluster;
let dir: string;

const session = consoleSession(
  async () => {
    cluster = await startDemoCluster({ speed: 20, kubeVersion: '1.20' });
    dir = mkdtempSync(join(tmpdir(), 'console-e2e-batch-create-120-'));
    writeKubeconfig(join(dir, 'config'), [{ name: 'demo', server: cluster.url }]);
    return startConsole({ KUBECONFIG: join(dir, 'config'), CONSOLE_DEMO: '' });
  },
  async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

test('on a 1.20 cluster the CronJob form has no time zone, its YAML is batch/v1beta1, and what it creates kubectl reads as v1beta1', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${session.server.url}c/demo/cronjobs?ns=batch`);
  await page.getByTestId('cronjob-create-open').click();
  const zone = page.getByTestId('cronjob-create-timeZone');
  await page.waitForFunction(() => (document.querySelector('[data-testid="cronjob-create-timeZone"]') as HTMLInputElement | null)?.disabled === true);
  assert.equal(await zone.isDisabled(), true);
  await waitForText(page, '[data-testid="cronjob-create"]', /serves CronJobs as batch\/v1beta1, which has no time zone field/);
  await page.getByTestId('cronjob-create-tab-yaml').click();
  const template = await page.getByTestId('cronjob-create-yaml').inputValue();
  assert.match(template, /^apiVersion: batch\/v1beta1\n/);
  assert.doesNotMatch(template, /timeZone/);
  await page.getByTestId('cronjob-create-tab-form').click();
  await page.getByTestId('cronjob-create-name').fill('old-cluster-tidy');
  await page.getByTestId('cronjob-create-schedule').fill('0 3 * * *');
  await page.getByTestId('cronjob-create-submit').click();
  await page.waitForURL(/\/c\/demo\/cronjobs\/batch\/old-cluster-tidy$/);
  await waitForText(page, '[data-testid="cronjob-api-version"]', /batch\/v1beta1$/);
  const cj = JSON.parse(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjobs.v1beta1.batch', 'old-cluster-tidy', '-o', 'json']));
  assert.equal(cj.apiVersion, 'batch/v1beta1');
  assert.equal(cj.spec.schedule, '0 3 * * *');
  await page.context().close();
});
