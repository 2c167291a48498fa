/**
 * Claim pages in Chromium against the demo cluster: every seeded storage-demo claim shows how
 * it was provisioned and the annotations that prove it; the beta-annotation claim says where
 * its class comes from; the WaitForFirstConsumer claim waits for a pod and turns Bound on the
 * open page once kubectl creates one; the postgres claims list the StatefulSet pod and path.
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

const EXPECTED = [
  { claim: 'uploads', mode: 'dynamic', sentence: /^Dynamic: k8s\.io\/minikube-hostpath created this volume/, evidence: ['volume:pv.kubernetes.io/provisioned-by', 'claim:volume.kubernetes.io/storage-provisioner'] },
  { claim: 'orphan-cache', mode: 'dynamic', sentence: /^Dynamic: k8s\.io\/minikube-hostpath/, evidence: ['volume:pv.kubernetes.io/provisioned-by'] },
  { claim: 'legacy-data', mode: 'dynamic', sentence: /^Dynamic: k8s\.io\/minikube-hostpath/, evidence: ['claim:volume.beta.kubernetes.io/storage-class', 'volume:pv.kubernetes.io/provisioned-by'] },
  { claim: 'archive', mode: 'static', sentence: /^Static: the claim is bound to a volume that existed before it/, evidence: ['claim:pv.kubernetes.io/bound-by-controller', 'volume:pv.kubernetes.io/bound-by-controller'], binding: 'matched' },
  { claim: 'reports-archive', mode: 'awaitingVolume', sentence: /^Static: nothing creates volumes for this claim/, evidence: [] },
  { claim: 'scratch', mode: 'awaitingProvisioner', sentence: /^Dynamic, not done yet: a volume is to be created by rancher\.io\/local-path/, evidence: [] },
];

test('each seeded claim shows its provisioning mode with the annotations that prove it', async () => {
  const page = await openTall(session.browser);
  for (const want of EXPECTED) {
    await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/${want.claim}`);
    await page.getByTestId('claim-detail').waitFor({ timeout: 30_000 });
    const panel = page.getByTestId('claim-provisioning');
    await waitForText(page, '[data-testid="claim-provisioning-sentence"]', want.sentence);
    assert.equal(await panel.getAttribute('data-mode'), want.mode, want.claim);
    const shown = await page.$$eval('[data-testid="claim-annotations"] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')));
    const keys = shown.map(([on, key]) => `${on}:${key}`);
    for (const e of want.evidence) assert.ok(keys.includes(e), `${want.claim} shows ${e}: ${JSON.stringify(keys)}`);
    if (want.mode === 'dynamic') {
      const volume = (await kubectlOk(url(), ['get', 'pvc', '-n', 'storage-demo', want.claim, '-o', 'jsonpath={.spec.volumeName}'])).trim();
      const by = (await kubectlOk(url(), ['get', 'pv', volume, '-o', "jsonpath={.metadata.annotations['pv\\.kubernetes\\.io/provisioned-by']}"])).trim();
      assert.ok(shown.some(([on, key, value]) => on === 'volume' && key === 'pv.kubernetes.io/provisioned-by' && value === by), `${want.claim}: the volume's provisioned-by as kubectl shows it (${by})`);
    }
    if (want.binding) assert.equal(await page.getByTestId('claim-binding').getAttribute('data-binding'), want.binding);
    else assert.equal(await page.getByTestId('claim-binding').count(), 0, `${want.claim} has no static binding note`);
    if (want.claim === 'archive') await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-static.png'), fullPage: true });
  }
  await page.context().close();
});

test('legacy-data shows class standard and says the beta annotation names it; uploads names it in spec', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/legacy-data`);
  await waitForText(page, '[data-testid="claim-class-name"]', /^standard$/);
  assert.equal(await page.getByTestId('claim-class-from').getAttribute('data-from'), 'betaAnnotation');
  assert.match((await page.getByTestId('claim-class-from').textContent()) ?? '', /older annotation volume\.beta\.kubernetes\.io\/storage-class/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-legacy.png'), fullPage: true });
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/uploads`);
  await waitForText(page, '[data-testid="claim-class-name"]', /^standard$/);
  assert.equal(await page.getByTestId('claim-class-from').getAttribute('data-from'), 'spec');
  await page.context().close();
});

test('the WaitForFirstConsumer claim scratch waits for a pod, and turns Bound on the open page when kubectl creates one', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/scratch`);
  await waitForText(page, '[data-testid="claim-phase"]', /^Pending$/);
  assert.equal(await page.getByTestId('claim-why-sentence').getAttribute('data-cause'), 'waitForFirstConsumer');
  assert.match((await page.getByTestId('claim-why-sentence').textContent()) ?? '', /no volume is made or chosen until a pod that uses this claim is scheduled/);
  assert.equal(await page.getByTestId('claim-pods-none').count(), 1);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'scratch-user', namespace: 'storage-demo' },
    spec: { containers: [{ name: 'work', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }], volumes: [{ name: 'scratch', persistentVolumeClaim: { claimName: 'scratch' } }] },
  };
  const r = await kubectl(['--server', `${url()}k8s/demo`, 'create', '-f', '-'], { input: JSON.stringify(pod) });
  assert.equal(r.code, 0, r.stderr);
  await waitForText(page, '[data-testid="claim-phase"]', /^Bound$/, 60_000);
  await waitForText(page, '[data-testid="claim-pods"]', /scratch-user[\s\S]*work[\s\S]*\/scratch[\s\S]*read-write/);
  assert.equal(await page.getByTestId('claim-why').count(), 0, 'a Bound claim has no "why Pending"');
  const volume = (await kubectlOk(url(), ['get', 'pvc', '-n', 'storage-demo', 'scratch', '-o', 'jsonpath={.spec.volumeName}'])).trim();
  await waitForText(page, '[data-testid="claim-volume-name"]', new RegExp(`^${volume}$`));
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-scratch-bound.png'), fullPage: true });
  await page.context().close();
});

test("each postgres claim lists the StatefulSet pod that mounts it, its container and path", async () => {
  const page = await openTall(session.browser);
  for (const i of [0, 1]) {
    await page.goto(`${url()}c/demo/persistentvolumeclaims/shop/data-postgres-${i}`);
    const mount = page.locator(`[data-testid="claim-mount"][data-pod="postgres-${i}"]`).first();
    await mount.waitFor({ timeout: 30_000 });
    const cells = await mount.locator('td').allTextContents();
    assert.deepEqual(cells.map((c) => c.trim()), [`postgres-${i}`, 'StatefulSet/postgres', cells[2].trim(), cells[3].trim(), 'postgres', '/var/lib/postgresql/data', 'read-write']);
    assert.equal(await page.locator('[data-testid="claim-mount"]').count(), 1, 'only its own pod mounts it');
    const path = (await kubectlOk(url(), ['get', 'pod', '-n', 'shop', `postgres-${i}`, '-o', 'jsonpath={.spec.containers[0].volumeMounts[?(@.name=="data")].mountPath}'])).trim();
    assert.equal(path, '/var/lib/postgresql/data', 'kubectl agrees on the path');
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-postgres.png'), fullPage: true });
  await page.getByRole('link', { name: 'StatefulSet/postgres' }).click();
  await page.waitForURL(/\/c\/demo\/statefulsets\/shop\/postgres$/);
  await page.context().close();
});

test('简体中文: a claim page with its mounts and provisioning', async () => {
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/persistentvolumeclaims/storage-demo/uploads`);
  await waitForText(page, '[data-testid="claim-pods"]', /uploader-[\s\S]*\/srv\/uploads[\s\S]*读写/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-zh.png'), fullPage: true });
  await page.context().close();
});
