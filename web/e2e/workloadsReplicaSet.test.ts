/**
 * The ReplicaSet page in Chromium against the console's demo cluster: reached from the frontend
 * Deployment's revision list, it shows the ready counts, the revision and hash it holds, its pods,
 * its owner linking back, its events and the scale warning; a bare ReplicaSet made with kubectl is
 * scaled from its page and deleted with its name typed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForTable, waitForText } from './workloadsPage.ts';

const session = consoleSession();

test('the frontend deployment\'s current ReplicaSet, opened from its revision list, shows 2 ready pods, its owner and its events', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  const current = page.locator('[data-testid="revisions"] tr.grid__current [data-testid="revision-object"]');
  await current.waitFor({ timeout: 30_000 });
  const rsName = (await current.textContent()) ?? '';
  assert.match(rsName, /^frontend-\w+$/);
  await current.click();
  await page.waitForURL(new RegExp(`/c/demo/replicasets/shop/${rsName}$`));
  await page.getByTestId('replicaset-detail').waitFor();

  await waitForText(page, '[data-testid="rs-ready"]', /^2$/, 40_000);
  assert.equal(await page.getByTestId('rs-desired').textContent(), '2');
  await waitForText(page, '[data-testid="rs-available"]', /^2$/);
  await waitForText(page, '[data-testid="scale-ready"]', /^2 ready of 2 wanted$/);
  const kubectlRevision = await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'rs', rsName, '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']);
  assert.equal(await page.getByTestId('rs-revision').textContent(), kubectlRevision);
  assert.equal(`frontend-${await page.getByTestId('rs-hash').textContent()}`, rsName, 'the name ends in the pod-template-hash');
  assert.equal(await page.getByTestId('rs-owner-current').getAttribute('data-current'), 'true');
  assert.match((await page.getByTestId('rs-scale-owned').textContent()) ?? '', /Deployment frontend owns this ReplicaSet/);
  assert.equal(await page.locator('[data-testid="container-web"] dd').first().textContent(), 'nginx:1.27');

  const podRows = async () => page.$$eval('[data-testid="workload-pods"] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')));
  const deadline = Date.now() + 30_000;
  let pods = await podRows();
  while (Date.now() < deadline && !(pods.length === 2 && pods.every((p) => p[1] === 'Running' && p[2] === '1/1'))) {
    await page.waitForTimeout(200);
    pods = await podRows();
  }
  assert.equal(pods.length, 2, JSON.stringify(pods));
  for (const p of pods) {
    assert.ok(p[0].startsWith(`${rsName}-`), `${p[0]} belongs to ${rsName}`);
    assert.equal(p[1], 'Running');
    assert.equal(p[2], '1/1');
  }
  await waitForText(page, '[data-testid="object-events"]', new RegExp(`SuccessfulCreate\\s*replicaset/${rsName}`), 30_000);
  await page.screenshot({ path: join(SCREENSHOTS, 'replicaset-detail.png'), fullPage: true });

  await page.getByTestId('rs-owner').getByRole('link', { name: 'Deployment/frontend' }).click();
  await page.waitForURL(/\/c\/demo\/deployments\/shop\/frontend$/);
  await page.getByTestId('rollout-panel').waitFor();
  await page.context().close();
});

/** A ReplicaSet no Deployment owns, one nginx replica, in `default`, applied with kubectl. */
async function applyBareReplicaSet(name: string): Promise<void> {
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'echo', image: 'nginx:1.27' }] } },
    },
  };
  const created = await kubectl(['--server', `${session.server.url}k8s/demo`, 'apply', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.equal(created.code, 0, created.stderr);
}

test('a bare ReplicaSet found in the list is scaled to 2 on its page without an owner warning, then deleted with its name typed', async () => {
  await applyBareReplicaSet('bare-echo');

  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/replicasets?ns=default&q=bare-echo`);
  await waitForTable(page, (r) => r.some((x) => x[0] === 'bare-echo'), 'the bare-echo row');
  await page.locator('.data-table__body a', { hasText: /^bare-echo$/ }).click();
  await page.waitForURL(/\/c\/demo\/replicasets\/default\/bare-echo$/);
  await waitForText(page, '[data-testid="rs-owner"]', /none: a bare ReplicaSet/);
  assert.equal(await page.getByTestId('rs-scale-owned').count(), 0, 'no owner, no warning');
  assert.equal(await page.getByTestId('rs-revision').count(), 0);
  await waitForText(page, '[data-testid="scale-ready"]', /^1 ready of 1 wanted$/, 40_000);

  await page.getByTestId('scale-input').fill('2');
  await page.getByTestId('scale-submit').click();
  await waitForText(page, '[data-testid="scale-ready"]', /^2 ready of 2 wanted$/, 60_000);
  assert.equal(await kubectlOk(session.server.url, ['-n', 'default', 'get', 'rs', 'bare-echo', '-o', 'jsonpath={.spec.replicas}']), '2');
  await waitForText(page, '[data-testid="object-events"]', /SuccessfulCreate\s*replicaset\/bare-echo/, 30_000);

  await page.getByTestId('delete').click();
  assert.match((await page.getByTestId('delete-dialog').textContent()) ?? '', /delete its pods first, then it/);
  const confirm = page.getByTestId('delete-confirm');
  await page.getByTestId('delete-name').fill('bare-ech');
  assert.equal(await confirm.isDisabled(), true, 'nothing to delete before the whole name is typed');
  await page.getByTestId('delete-name').fill('bare-echo');
  await confirm.click();
  await page.waitForURL(/\/c\/demo\/replicasets\?ns=default$/);
  const gone = await kubectl(['--server', `${session.server.url}k8s/demo`, '-n', 'default', 'get', 'rs', 'bare-echo']);
  assert.notEqual(gone.code, 0, 'kubectl no longer finds bare-echo');
  await page.context().close();
});

test('a ReplicaSet deleted with kubectl while its page is open is reported gone, with its last state kept and no actions', async () => {
  await applyBareReplicaSet('short-lived');

  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/replicasets/default/short-lived`);
  await waitForText(page, '[data-testid="rs-owner"]', /none: a bare ReplicaSet/);
  await kubectlOk(session.server.url, ['-n', 'default', 'delete', 'rs', 'short-lived', '--wait=false']);

  await waitForText(page, '[data-testid="detail-gone"]', /ReplicaSet short-lived no longer exists: it was deleted/, 30_000);
  assert.equal(await page.getByTestId('delete').count(), 0, 'nothing left to delete');
  assert.match((await page.getByTestId('rs-owner').textContent()) ?? '', /none: a bare ReplicaSet/, 'the last known state stays readable');
  await page.context().close();
});
