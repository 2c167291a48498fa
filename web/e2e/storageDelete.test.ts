/**
 * Deleting a claim in use, in Chromium against the demo cluster: the dialog names the pods that
 * mount it, the workload that runs them and what the volume's reclaim policy does to the data
 * before any DELETE leaves the page; once confirmed the claim page shows Terminating live, with
 * the kubernetes.io/pvc-protection finalizer kubectl also sees, until the pod is gone; then the
 * claim is gone too. The test makes its own namespace, claim and Deployment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { openTall } from './storagePages.ts';
import { kubectlOk, waitForText } from './workloadsPage.ts';

const session = consoleSession();
const url = () => session.server.url;
const NS = 'claim-delete-test';

async function create(obj: object): Promise<void> {
  const r = await kubectl(['--server', `${url()}k8s/demo`, 'create', '-f', '-'], { input: JSON.stringify(obj) });
  assert.equal(r.code, 0, r.stderr);
}

test('deleting a claim a Deployment mounts names its pod, the Deployment and the data before sending; it stays Terminating until the pod goes', async () => {
  await create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'ledger', namespace: NS },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  await create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ledger-writer', namespace: NS },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'ledger-writer' } },
      template: {
        metadata: { labels: { app: 'ledger-writer' } },
        spec: {
          containers: [{ name: 'writer', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/var/ledger' }] }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'ledger' } }],
        },
      },
    },
  });

  const page = await openTall(session.browser);
  const deletes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'DELETE') deletes.push(r.url());
  });
  await page.goto(`${url()}c/demo/persistentvolumeclaims/${NS}/ledger`);
  await waitForText(page, '[data-testid="claim-phase"]', /^Bound$/);
  await waitForText(page, '[data-testid="claim-pods"]', /ledger-writer-/);
  const pod = (await kubectlOk(url(), ['get', 'pods', '-n', NS, '-l', 'app=ledger-writer', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
  assert.match(pod, /^ledger-writer-/);

  await page.getByTestId('claim-delete').click();
  const users = (await page.getByTestId('claim-delete-users').textContent()) ?? '';
  assert.ok(users.includes(`In use by pod ${pod}.`), users);
  assert.match(users, /Terminating \(finalizer kubernetes\.io\/pvc-protection\)/);
  assert.match((await page.getByTestId('claim-delete-workloads').textContent()) ?? '', /^They are run by Deployment ledger-writer:/);
  assert.match((await page.getByTestId('claim-delete-data').textContent()) ?? '', /^Volume pvc-.+ has reclaim policy Delete: once the claim is gone, the volume and its data are deleted\.$/);
  assert.equal(await page.getByTestId('delete-confirm').isDisabled(), true, 'the name must be typed first');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-delete.png'), fullPage: true });
  assert.deepEqual(deletes, [], 'nothing was deleted while the warning was read');
  assert.equal((await kubectlOk(url(), ['get', 'pvc', '-n', NS, 'ledger', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).trim(), '');

  await page.getByTestId('delete-name').fill('ledger');
  await page.getByTestId('delete-confirm').click();
  await waitForText(page, '[data-testid="claim-terminating"]', new RegExp(`^Terminating: deletion was requested, but pod ${pod} still uses the claim; the finalizer kubernetes\\.io/pvc-protection keeps it`));
  assert.equal(deletes.length, 1, `one DELETE: ${JSON.stringify(deletes)}`);
  assert.match(deletes[0] ?? '', new RegExp(`/api/contexts/demo/namespaces/${NS}/persistentvolumeclaims/ledger$`));
  await waitForText(page, '[data-testid="claim-phase"]', /^Terminating$/);
  const finalizers = await kubectlOk(url(), ['get', 'pvc', '-n', NS, 'ledger', '-o', 'jsonpath={.metadata.finalizers[*]}']);
  assert.match(finalizers, /kubernetes\.io\/pvc-protection/, 'kubectl shows the same finalizer');
  const status = await kubectlOk(url(), ['get', 'pvc', '-n', NS, 'ledger', '--no-headers']);
  assert.match(status, /^ledger\s+Terminating\s/, 'kubectl says Terminating');

  // A deleted pod would come back from the Deployment, mounting the claim again; scaled to zero its pod goes for good.
  await kubectlOk(url(), ['scale', 'deployment', '-n', NS, 'ledger-writer', '--replicas=0']);
  await page.getByTestId('detail-gone').waitFor({ timeout: 60_000 });
  const r = await kubectl(['--server', `${url()}k8s/demo`, 'get', 'pvc', '-n', NS, 'ledger']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /persistentvolumeclaims "ledger" not found/);
  await page.context().close();
});

test('简体中文: the delete warning names the pod and what the reclaim policy does to the data; the claim stays Terminating until kubectl deletes the pod', async () => {
  await create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'ledger-zh', namespace: NS },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  await create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ledger-reader', namespace: NS },
    spec: { containers: [{ name: 'reader', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'ledger-zh' } }] },
  });
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/persistentvolumeclaims/${NS}/ledger-zh`);
  await waitForText(page, '[data-testid="claim-pods"]', /ledger-reader/);
  await page.getByTestId('claim-delete').click();
  await waitForText(page, '[data-testid="claim-delete-users"]', /^正被 Pod ledger-reader 使用。/);
  assert.match((await page.getByTestId('claim-delete-data').textContent()) ?? '', /回收策略为 Delete/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-delete-zh.png'), fullPage: true });
  await page.getByTestId('delete-name').fill('ledger-zh');
  await page.getByTestId('delete-confirm').click();
  await waitForText(page, '[data-testid="claim-terminating"]', /^正在终止：已请求删除，但 Pod ledger-reader 仍在使用该声明；终结器 kubernetes\.io\/pvc-protection/);
  assert.match(await kubectlOk(url(), ['get', 'pvc', '-n', NS, 'ledger-zh', '-o', 'jsonpath={.metadata.finalizers[*]}']), /kubernetes\.io\/pvc-protection/);
  await kubectlOk(url(), ['delete', 'pod', '-n', NS, 'ledger-reader', '--wait=false']);
  await page.getByTestId('detail-gone').waitFor({ timeout: 60_000 });
  await page.context().close();
});
