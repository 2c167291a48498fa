/**
 * A typo in the scale box (15000 for 150) must not start thousands of pods: the page says how
 * many new pods the number would start and scales only when the operator confirms — in each
 * language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();

// Ordered start-up and an image that never pulls: however many replicas are asked for, one pod exists.
const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'ledger', namespace: 'shop' },
  spec: {
    replicas: 1,
    serviceName: 'ledger',
    podManagementPolicy: 'OrderedReady',
    selector: { matchLabels: { app: 'ledger' } },
    template: { metadata: { labels: { app: 'ledger' } }, spec: { containers: [{ name: 'ledger', image: 'demo.registry/shop/ledger:does-not-exist' }] } },
  },
};

test('scaling a StatefulSet by more than 1,000 replicas asks first, in English and Chinese, and goes ahead once confirmed', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scale-guard-')), 'ledger.json');
  writeFileSync(file, JSON.stringify(statefulSet));
  await kubectlOk(session.server.url, ['apply', '-f', file]);

  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/statefulsets/shop/ledger`);
  await waitForText(page, '[data-testid="scale-ready"]', /of 1 wanted/);
  await page.getByTestId('scale-input').fill('1500');
  await page.getByTestId('scale-submit').click();
  await waitForText(page, '[data-testid="action-error"]', /Scaling from 1 to 1500 would start 1499 new pods at once\./);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-guard-en.png') });
  const spec = JSON.parse(await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'statefulset/ledger', '-o', 'json'])) as { spec: { replicas: number } };
  assert.equal(spec.spec.replicas, 1, 'nothing was scaled before the confirmation');

  await page.evaluate(() => localStorage.setItem('console.language', 'zh'));
  await page.reload();
  await waitForText(page, '[data-testid="scale-ready"]', /1/);
  await page.getByTestId('scale-input').fill('1500');
  await page.getByTestId('scale-submit').click();
  await waitForText(page, '[data-testid="action-error"]', /从 1 扩容到 1500 会一次性启动 1499 个新 Pod。/);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-guard-zh.png') });

  await page.getByTestId('scale-confirm-large').click();
  await page.getByTestId('action-error').waitFor({ state: 'detached', timeout: 20_000 });
  const after = JSON.parse(await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'statefulset/ledger', '-o', 'json'])) as { spec: { replicas: number } };
  assert.equal(after.spec.replicas, 1500);
  await kubectlOk(session.server.url, ['-n', 'shop', 'delete', 'statefulset/ledger', '--wait=false']);
  await page.context().close();
});
