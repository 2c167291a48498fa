/**
 * Pod volumes and eviction in Chromium against the console's demo cluster: a pod's claim links to
 * the claim's page (Bound, its volume, its class, how it was provisioned); Pending claims say why
 * (WaitForFirstConsumer, no matching manual volume); evicting a ReplicaSet's pod from its page
 * removes it and the ReplicaSet replaces it (checked with kubectl). The demo cluster has no
 * PodDisruptionBudgets, so a 429 from a budget cannot be provoked here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();

test("following postgres-0's data claim from its pod page shows the claim Bound to a dynamically provisioned volume of class standard", async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/pods/shop/postgres-0`);
  const link = page.getByTestId('volume-claim-link');
  await link.waitFor({ timeout: 30_000 });
  assert.equal(await link.textContent(), 'data-postgres-0');
  await link.click();
  await page.waitForURL(/\/c\/demo\/persistentvolumeclaims\/shop\/data-postgres-0$/);
  await page.getByTestId('claim-detail').waitFor({ timeout: 30_000 });

  await waitForText(page, '[data-testid="claim-phase"]', /^Bound$/);
  const volumeName = (await kubectlOk(session.server.url, ['get', 'pvc', '-n', 'shop', 'data-postgres-0', '-o', 'jsonpath={.spec.volumeName}'])).trim();
  assert.match(volumeName, /^pvc-/);
  assert.equal(await page.getByTestId('claim-volume-name').textContent(), volumeName);
  assert.equal(await page.getByTestId('claim-class-name').textContent(), 'standard');
  assert.equal(await page.getByTestId('claim-requested').textContent(), '2Gi');
  assert.equal(await page.getByTestId('claim-capacity').textContent(), '2Gi');
  assert.equal(await page.getByTestId('claim-binding-mode').textContent(), 'Immediate');
  assert.equal(await page.getByTestId('claim-provisioning').getAttribute('data-mode'), 'dynamic');
  assert.match((await page.getByTestId('claim-provisioning-sentence').textContent()) ?? '', /^Dynamic: k8s\.io\/minikube-hostpath created this volume/);
  const annotations = (await page.getByTestId('claim-annotations').textContent()) ?? '';
  for (const key of ['volume.kubernetes.io/storage-provisioner', 'pv.kubernetes.io/bind-completed', 'pv.kubernetes.io/provisioned-by']) assert.ok(annotations.includes(key), `annotation ${key} shown: ${annotations}`);
  assert.equal(await page.getByTestId('claim-why').count(), 0, 'a Bound claim has no "why Pending"');

  await page.screenshot({ path: join(SCREENSHOTS, 'claim-bound.png') });
  await page.getByTestId('yaml-toggle').click();
  await waitForText(page, '[data-testid="yaml-section"]', /kind: PersistentVolumeClaim[\s\S]*volumeName: pvc-/);

  // The pods table leads back to the pod.
  await page.getByTestId('claim-pods').getByRole('link', { name: 'postgres-0' }).click();
  await page.waitForURL(/\/c\/demo\/pods\/shop\/postgres-0$/);
  await page.context().close();
});

test('the Pending scratch claim of the WaitForFirstConsumer class says it waits for its first consumer, quoting the controller', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/persistentvolumeclaims/storage-demo/scratch`);
  await waitForText(page, '[data-testid="claim-phase"]', /^Pending$/);
  assert.equal(await page.getByTestId('claim-why-sentence').getAttribute('data-cause'), 'waitForFirstConsumer');
  assert.match((await page.getByTestId('claim-why-sentence').textContent()) ?? '', /^Storage class local-wait binds on first use \(WaitForFirstConsumer\)/);
  await waitForText(page, '[data-testid="claim-why-event"]', /waiting for first consumer to be created before binding/);
  assert.equal(await page.getByTestId('claim-binding-mode').textContent(), 'WaitForFirstConsumer');
  assert.match((await page.getByTestId('claim-capacity').textContent()) ?? '', /none until bound/);
  await waitForText(page, '[data-testid="object-events"]', /WaitForFirstConsumer/);
  await page.screenshot({ path: join(SCREENSHOTS, 'claim-pending.png') });
  await page.context().close();
});

test('the Pending 50Gi manual claim says no volume matches and shows the one manual volume is bound to another claim', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/persistentvolumeclaims/storage-demo/reports-archive`);
  await waitForText(page, '[data-testid="claim-why-sentence"]', /No PersistentVolume matches \(50Gi, ReadWriteOnce, class manual\)/);
  await waitForText(page, '[data-testid="claim-candidates"]', /archive-pv-01.*5Gi.*bound to storage-demo\/archive/);
  assert.equal(await page.getByTestId('claim-provisioning').getAttribute('data-mode'), 'awaitingVolume');
  await page.screenshot({ path: join(SCREENSHOTS, 'claim-no-matching-volume.png') });
  await page.context().close();
});

test('evicting a frontend pod from its page removes it, and its ReplicaSet brings up a replacement', async () => {
  const url = session.server.url;
  const frontendPods = async () => {
    const out = await kubectlOk(url, ['get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.ownerReferences[0].name} {.status.phase} {.metadata.deletionTimestamp}{"\\n"}{end}']);
    return out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name = '', owner = '', phase = '', deleting = ''] = l.split(' ');
        return { name, owner, phase, deleting };
      });
  };
  // The frontend's PodDisruptionBudget (maxUnavailable 1) allows an eviction once both pods are ready.
  const allowed = () => kubectlOk(url, ['get', 'pdb', '-n', 'shop', 'frontend', '-o', 'jsonpath={.status.disruptionsAllowed}']);
  for (const deadline = Date.now() + 40_000; (await allowed()).trim() !== '1'; ) {
    assert.ok(Date.now() < deadline, 'the frontend budget allows one disruption');
    await new Promise((r) => setTimeout(r, 300));
  }
  const before = await frontendPods();
  assert.equal(before.length, 2, `two frontend pods to start with: ${JSON.stringify(before)}`);
  const victim = before[0];
  assert.match(victim.owner, /^frontend-/, 'owned by the frontend ReplicaSet');

  const page = await openPage(session.browser);
  await page.goto(`${url}c/demo/pods/shop/${victim.name}`);
  await waitForText(page, '[data-testid="pod-status"]', /^Running$/);
  await page.getByRole('button', { name: 'Evict' }).click();
  await waitForText(page, '.toast--success', new RegExp(`Evicted ${victim.name}`), 15_000);
  await page.screenshot({ path: join(SCREENSHOTS, 'pod-evicted.png') });

  const deadline = Date.now() + 40_000;
  let now = before;
  let ready = '';
  while (Date.now() < deadline) {
    now = await frontendPods();
    ready = (await kubectlOk(url, ['get', 'rs', '-n', 'shop', victim.owner, '-o', 'jsonpath={.status.readyReplicas}'])).trim();
    const gone = !now.some((p) => p.name === victim.name);
    const running = now.filter((p) => p.phase === 'Running' && !p.deleting);
    if (gone && running.length === 2 && ready === '2') break;
    await page.waitForTimeout(300);
  }
  assert.ok(!now.some((p) => p.name === victim.name), `${victim.name} is gone: ${JSON.stringify(now)}`);
  const replacement = now.filter((p) => p.name !== before[1].name);
  assert.equal(replacement.length, 1, `one new pod: ${JSON.stringify(now)}`);
  assert.equal(replacement[0].owner, victim.owner, 'the replacement belongs to the same ReplicaSet');
  assert.equal(replacement[0].phase, 'Running');
  assert.equal(ready, '2', 'the ReplicaSet is back to 2 ready');

  // The evicted pod's page, still open, says the pod is gone instead of showing it Running.
  await waitForText(page, '[data-testid="detail-gone"]', new RegExp(`Pod ${victim.name} no longer exists`), 20_000);
  await page.screenshot({ path: join(SCREENSHOTS, 'pod-gone.png') });

  // The replacement's page is reachable from the pods list the evicted pod's page leads back to.
  await page.goto(`${url}c/demo/pods/shop/${replacement[0].name}`);
  await waitForText(page, '[data-testid="pod-status"]', /^Running$/);
  await page.context().close();
});

test("evicting postgres-0 is refused by its PodDisruptionBudget, and the page says so in the budget's own words", async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/pods/shop/postgres-0`);
  await waitForText(page, '[data-testid="pod-status"]', /^Running$/);
  await page.getByRole('button', { name: 'Evict' }).click();
  const alert = await waitForText(page, '.status-message[data-code="429"]', /PodDisruptionBudget/, 15_000);
  assert.match(alert, /Evicting it would break its PodDisruptionBudget/);
  assert.match(alert, /The disruption budget postgres needs 2 healthy pods and has \d currently/);
  assert.doesNotMatch(alert, /limiting requests/);
  await page.screenshot({ path: join(SCREENSHOTS, 'pod-evict-refused.png') });
  // Nothing was deleted.
  assert.equal((await kubectlOk(session.server.url, ['get', 'pod', '-n', 'shop', 'postgres-0', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).trim(), '');
  await page.context().close();
});
