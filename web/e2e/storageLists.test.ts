/**
 * The storage lists in Chromium against the demo cluster: claims with their provisioning mode,
 * class (and where it is named) and the pods that use them; volumes and classes; each list
 * follows kubectl's changes live; the orphan filter finds the claim no pod uses and the
 * Released volume, and nothing in use. English and 简体中文 screenshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { CLAIM_COL, openTall } from './storagePages.ts';
import { kubectlOk, waitForTable, waitForText } from './workloadsPage.ts';

const session = consoleSession();
const url = () => session.server.url;
const row = (rows: string[][], name: string) => rows.find((r) => r[0] === name || r[0].startsWith(`${name} `) || r[0].startsWith(`${name}(`));

test('the claims list shows each storage-demo claim with its status, provisioning mode, class and who uses it', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=storage-demo`);
  const rows = await waitForTable(
    page,
    (r) => ['uploads', 'archive', 'scratch', 'reports-archive', 'legacy-data', 'orphan-cache'].every((n) => row(r, n)) && /uploader-/.test(row(r, 'uploads')?.[CLAIM_COL.usedBy] ?? ''),
    'every seeded claim, uploads used by the uploader pod',
  );
  const cell = (name: string, col: number) => row(rows, name)?.[col] ?? '';
  assert.equal(cell('uploads', CLAIM_COL.mode), 'dynamic');
  assert.equal(cell('orphan-cache', CLAIM_COL.mode), 'dynamic');
  assert.equal(cell('legacy-data', CLAIM_COL.mode), 'dynamic');
  assert.equal(cell('archive', CLAIM_COL.mode), 'static');
  assert.equal(cell('archive', CLAIM_COL.volume), 'archive-pv-01');
  assert.equal(cell('reports-archive', CLAIM_COL.mode), 'awaits a volume');
  assert.match(cell('reports-archive', CLAIM_COL.status), /^Pending · no matching volume/);
  assert.match(cell('scratch', CLAIM_COL.status), /^Pending · waits for a pod/);
  assert.equal(cell('legacy-data', CLAIM_COL.cls), 'standard (beta annotation)');
  assert.equal(cell('uploads', CLAIM_COL.cls), 'standard');
  assert.equal(cell('orphan-cache', CLAIM_COL.usedBy), 'no pod');
  assert.match(cell('uploads', CLAIM_COL.status), /^Bound/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claims.png') });
  await page.context().close();
});

test('the claims, volumes and classes lists follow kubectl: a created claim, volume and class appear, deleted ones go', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=storage-demo`);
  await waitForTable(page, (r) => !!row(r, 'uploads'), 'the claims');
  const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'live-claim', namespace: 'storage-demo' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, storageClassName: 'manual' } };
  await kubectlApply(claim);
  await waitForTable(page, (r) => /^Pending/.test(row(r, 'live-claim')?.[CLAIM_COL.status] ?? '') && row(r, 'live-claim')?.[CLAIM_COL.capacity] === '3Gi', 'the new claim, Pending, 3Gi requested');

  await page.goto(`${url()}c/demo/persistentvolumes`);
  await waitForTable(page, (r) => !!row(r, 'archive-pv-01'), 'the volumes');
  await kubectlApply({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'live-pv' },
    spec: { capacity: { storage: '3Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', nfs: { server: '10.0.0.9', path: '/exports/live' } },
  });
  // The manual claim above fits it: the PV controller binds them, and the list shows the claim.
  await waitForTable(page, (r) => /^Bound/.test(row(r, 'live-pv')?.[1] ?? '') && row(r, 'live-pv')?.[5] === 'storage-demo/live-claim' && row(r, 'live-pv')?.[7] === 'nfs: 10.0.0.9 /exports/live', 'the new volume bound to live-claim');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-volumes.png') });

  await page.goto(`${url()}c/demo/storageclasses`);
  await waitForTable(page, (r) => !!row(r, 'standard') && /storage-demo\/uploads/.test(row(r, 'standard')?.[6] ?? ''), 'the classes, standard used by uploads');
  const before = await kubectlOk(url(), ['get', 'storageclasses', '-o', 'jsonpath={.items[*].metadata.name}']);
  const rows = await waitForTable(page, (r) => r.length === before.trim().split(/\s+/).length, 'as many classes as kubectl lists');
  assert.deepEqual(rows.map((r) => r[0].replace(/ \(default\)$/, '')).sort(), before.trim().split(/\s+/).sort());
  assert.equal(row(rows, 'standard')?.[0], 'standard (default)');
  assert.deepEqual(row(rows, 'manual')?.slice(1, 5), ['kubernetes.io/no-provisioner', 'Retain', 'Immediate', 'not allowed']);
  await kubectlApply({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'live-fast' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, allowVolumeExpansion: true });
  await waitForTable(page, (r) => row(r, 'live-fast')?.[5] === 'type=gp3' && row(r, 'live-fast')?.[4] === 'allowed', 'the new class with its parameter');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-classes.png') });
  await kubectlOk(url(), ['delete', 'storageclass', 'live-fast']);
  await waitForTable(page, (r) => !row(r, 'live-fast') && !!row(r, 'standard'), 'the deleted class gone');
  await page.context().close();
});

test('a claim and a volume kubectl binds, then deletes, change and go live in the claims and volumes lists, open side by side', async () => {
  const claims = await openTall(session.browser);
  const volumes = await claims.context().newPage();
  await claims.goto(`${url()}c/demo/persistentvolumeclaims?ns=storage-demo`);
  await volumes.goto(`${url()}c/demo/persistentvolumes`);
  await waitForTable(claims, (r) => !!row(r, 'uploads'), 'the claims');
  await waitForTable(volumes, (r) => !!row(r, 'archive-pv-01'), 'the volumes');
  await kubectlApply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'live-pair', namespace: 'storage-demo' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, storageClassName: 'manual' } });
  await waitForTable(claims, (r) => /^Pending/.test(row(r, 'live-pair')?.[CLAIM_COL.status] ?? ''), 'live-pair Pending');
  // Pre-bound to live-pair by claimRef, so no other manual claim can take it.
  await kubectlApply({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'live-pair-pv' },
    spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', claimRef: { namespace: 'storage-demo', name: 'live-pair' }, hostPath: { path: '/mnt/live-pair' } },
  });
  await waitForTable(volumes, (r) => /^Bound/.test(row(r, 'live-pair-pv')?.[1] ?? '') && row(r, 'live-pair-pv')?.[5] === 'storage-demo/live-pair', 'live-pair-pv Bound to live-pair');
  await waitForTable(claims, (r) => /^Bound/.test(row(r, 'live-pair')?.[CLAIM_COL.status] ?? '') && row(r, 'live-pair')?.[CLAIM_COL.volume] === 'live-pair-pv', 'live-pair Bound to live-pair-pv');
  await kubectlOk(url(), ['delete', 'pvc', '-n', 'storage-demo', 'live-pair']);
  await waitForTable(claims, (r) => !row(r, 'live-pair') && !!row(r, 'uploads'), 'the deleted claim gone');
  await waitForTable(volumes, (r) => /^Released/.test(row(r, 'live-pair-pv')?.[1] ?? ''), 'its Retain volume Released');
  await kubectlOk(url(), ['delete', 'pv', 'live-pair-pv']);
  await waitForTable(volumes, (r) => !row(r, 'live-pair-pv') && !!row(r, 'archive-pv-01'), 'the deleted volume gone');
  await claims.context().close();
});

test('the orphan filter keeps orphan-cache and released-pv-01 and leaves out claims and volumes in use', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=storage-demo`);
  await waitForTable(page, (r) => /uploader-/.test(row(r, 'uploads')?.[CLAIM_COL.usedBy] ?? ''), 'uploads used by its pod');
  await page.getByTestId('toggle-orphans').locator('input').click();
  await page.waitForURL(/[?&]orphans=1/);
  const rows = await waitForTable(page, (r) => !row(r, 'uploads'), 'the claims in use filtered out');
  assert.ok(row(rows, 'orphan-cache'), 'orphan-cache is an orphan');
  for (const used of ['uploads']) assert.equal(row(rows, used), undefined, `${used} is used by a pod`);
  assert.ok(rows.every((r) => r[CLAIM_COL.usedBy] === 'no pod'), `only claims no pod uses: ${JSON.stringify(rows)}`);
  const released = await waitForText(page, '[data-testid="orphan-volumes"]', /released-pv-01/);
  assert.ok(!/archive-pv-01/.test(released), 'a Bound volume is no orphan');
  assert.match(released, /Retain: data kept, was storage-demo\/old-logs/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-orphans.png') });

  // The same filter on the volumes list: only the Released volume, and the orphan claims beside it.
  await page.getByTestId('orphan-volumes').getByRole('link', { name: 'released-pv-01' }).waitFor();
  await page.goto(`${url()}c/demo/persistentvolumes?orphans=1`);
  const volumes = await waitForTable(page, (r) => !!row(r, 'released-pv-01'), 'the Released volume');
  assert.deepEqual(volumes.map((r) => r[0]), ['released-pv-01']);
  assert.match(volumes[0][1], /^Released · reclaimable/);
  await waitForText(page, '[data-testid="orphan-claims"]', /storage-demo\/orphan-cache/);
  assert.ok(!/storage-demo\/uploads/.test((await page.getByTestId('orphan-claims').textContent()) ?? ''));

  // Its page says what reclaiming means under Retain.
  await page.getByRole('link', { name: 'released-pv-01' }).first().click();
  await waitForText(page, '[data-testid="volume-reclaim"]', /claim storage-demo\/old-logs is gone and the Retain policy kept the volume and its data.*removes its spec\.claimRef/);
  assert.equal(await page.getByTestId('volume-source').textContent(), 'hostPath: /mnt/old-logs');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-volume-released.png'), fullPage: true });
  await page.context().close();
});

test('简体中文: the claims list with the orphan filter, a volume and a class page', async () => {
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=storage-demo&orphans=1`);
  await waitForText(page, '[data-testid="orphan-volumes"]', /已释放的卷（1）/);
  await waitForTable(page, (r) => row(r, 'orphan-cache')?.[CLAIM_COL.mode] === '动态' && !row(r, 'uploads'), 'orphan-cache, 动态, and not uploads');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claims-zh.png') });
  await page.goto(`${url()}c/demo/k/persistentvolumes/released-pv-01`);
  await waitForText(page, '[data-testid="volume-reclaim"]', /Retain 策略保留了卷及其数据/);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-volume-zh.png'), fullPage: true });
  await page.goto(`${url()}c/demo/k/storageclasses.storage.k8s.io/standard`);
  await waitForText(page, '[data-testid="class-claims"]', /storage-demo\/legacy-data[\s\S]*storage-demo\/uploads/);
  assert.equal(await page.getByTestId('class-expansion').textContent(), '允许');
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-class-zh.png'), fullPage: true });
  await page.context().close();
});

async function kubectlApply(obj: object): Promise<void> {
  const r = await kubectl(['--server', `${url()}k8s/demo`, 'create', '-f', '-'], { input: JSON.stringify(obj) });
  assert.equal(r.code, 0, `kubectl create failed: ${r.stderr}`);
}
