/**
 * The Deployment page in Chromium against the console's demo cluster: scale with the live ready
 * count, set image with the rollout moving to complete, a failed upgrade rolled back in one
 * click, rollback to revision N behind a template diff, and a racing edit getting the 409.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();


const apiImage = () => kubectlOk(session.server.url, ['-n', 'shop', 'get', 'deploy', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);

async function rolloutState(page: Page, state: string, reason?: RegExp, timeout = 60_000): Promise<void> {
  const panel = page.getByTestId('rollout-panel');
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    const s = await panel.getAttribute('data-state', { timeout: 1000 }).catch(() => null);
    const r = (await panel.getAttribute('data-reason', { timeout: 1000 }).catch(() => null)) ?? '';
    seen = `${s} ${r}`;
    if (s === state && (!reason || reason.test(r))) return;
    await page.waitForTimeout(150);
  }
  throw new Error(`rollout never reached ${state} ${reason ?? ''}; last seen ${seen}: ${await page.getByTestId('rollout-message').textContent()}`);
}

test('scaling frontend from 2 to 5 on its page shows 5 ready without a reload', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  await waitForText(page, '[data-testid="scale-ready"]', /^2 ready of 2 wanted$/);
  await page.getByTestId('scale-input').fill('5');
  await page.getByTestId('scale-submit').click();
  await waitForText(page, '[data-testid="scale-ready"]', /^5 ready of 5 wanted$/, 60_000);
  await kubectlOk(session.server.url, ['-n', 'shop', 'scale', 'deployment/frontend', '--replicas=2']);
  await page.context().close();
});

test('pausing frontend\'s rollout shows it paused, resuming completes it, and Restart rolls out a new revision', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  await rolloutState(page, 'complete');
  await page.getByTestId('pause').click();
  await rolloutState(page, 'paused');
  await page.getByTestId('resume').click();
  await rolloutState(page, 'complete');
  const revisions = async () => page.locator('[data-testid="revisions"] tbody tr').count();
  const before = await revisions();
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="revisions"] tbody tr').length === n + 1, before, { timeout: 20_000 });
  await rolloutState(page, 'complete');
  const restartedAt = await kubectlOk(session.server.url, ['-n', 'shop', 'get', 'deploy', 'frontend', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']);
  assert.match(restartedAt, /^\d{4}-\d\d-\d\dT/);
  await page.context().close();
});

test('upgrading api shows the rollout moving and then complete; a missing image fails with ImagePullBackOff and "Roll back" restores it', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/api`);
  // The seed's own upgrade to 1.5.0 finishes first.
  await rolloutState(page, 'complete');
  const form = page.getByTestId('set-image-api');
  await form.getByTestId('image-input').fill('demo.registry/shop/api:1.6.0');
  await form.getByTestId('image-submit').click();
  await rolloutState(page, 'progressing', undefined, 20_000);
  // The picture shows the rollout half-way: some new pods ready, old ones still serving.
  await waitForText(page, '[data-testid="rollout-new"] .mono', /^[12] of 3 ready$/, 30_000);
  await waitForText(page, '[data-testid="rollout-bounds"]', /at most 4 pods \(3 \+ maxSurge 1\), at least 3 available/);
  await page.screenshot({ path: join(SCREENSHOTS, 'rollout-progress.png') });
  // Each ReplicaSet of the rollout links to its own page.
  const newRs = page.locator('[data-testid="rollout-new"] .rollout__label a');
  assert.match((await newRs.getAttribute('href')) ?? '', /\/c\/demo\/replicasets\/shop\/api-[a-z0-9]+$/);
  await rolloutState(page, 'complete');
  assert.equal(await apiImage(), 'demo.registry/shop/api:1.6.0');

  await form.getByTestId('image-input').fill('demo.registry/shop/api:9.9.9-does-not-exist');
  await form.getByTestId('image-submit').click();
  await rolloutState(page, 'failed', /ImagePullBackOff|ErrImagePull/);
  await waitForText(page, '[data-testid="rollout-message"]', /cannot pull their image/);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SCREENSHOTS, 'rollout-failed.png') });
  await page.getByRole('button', { name: 'Roll back', exact: true }).click();
  await rolloutState(page, 'complete');
  assert.equal(await apiImage(), 'demo.registry/shop/api:1.6.0', 'kubectl sees the previous revision\'s image again');
  await page.context().close();
});

test('rolling back to an earlier revision shows the pod-template diff before anything changes', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/api`);
  const row = page.locator('[data-testid="revisions"] tr', { hasText: 'api:1.4.2' });
  await row.waitFor({ timeout: 30_000 });
  const revision = Number(await row.getAttribute('data-revision'));
  const imageBefore = await apiImage();
  await page.getByTestId(`rollback-to-${revision}`).click();
  const diff = page.getByTestId('template-diff');
  await diff.waitFor();
  assert.ok((await diff.locator('.diff__cell--added').allTextContents()).some((l) => l.includes('api:1.4.2')), 'the target image is shown as added');
  assert.ok((await diff.locator('.diff__cell--removed').allTextContents()).some((l) => l.includes(imageBefore)), 'the running image is shown as removed');
  assert.equal(await apiImage(), imageBefore, 'nothing changes before confirming');
  await page.getByTestId('rollback-confirm').click();
  await page.getByTestId('rollback-dialog').waitFor({ state: 'detached' });
  assert.equal(await apiImage(), 'demo.registry/shop/api:1.4.2');
  await page.context().close();
});

test('a scale racing an external change gets the 409 explanation, keeps the typed number, and applies after rebasing', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  await waitForText(page, '[data-testid="scale-ready"]', /ready of 2 wanted/);
  await page.getByTestId('scale-input').fill('3');
  const seen = await page.getByTestId('workload-detail').getAttribute('data-resource-version');
  // Someone else scales it meanwhile: a new spec, so the typed 3 was decided on a stale page.
  await kubectlOk(session.server.url, ['-n', 'shop', 'scale', 'deployment/frontend', '--replicas=4']);
  await page.waitForFunction((rv) => document.querySelector('[data-testid="workload-detail"]')?.getAttribute('data-resource-version') !== rv, seen);
  await page.getByTestId('scale-submit').click();
  const error = page.getByTestId('action-error').locator('[role="alert"]');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-reason'), 'Conflict');
  assert.match((await error.textContent()) ?? '', /changed by someone else.*the spec of frontend changed since you loaded it \(generation \d+ → \d+\)/s);
  assert.equal(await page.getByTestId('scale-input').inputValue(), '3', 'the typed number is kept');

  await page.getByRole('button', { name: 'Use the latest version (keep my input)' }).click();
  await page.getByTestId('scale-submit').click();
  await waitForText(page, '[data-testid="scale-ready"]', /^3 ready of 3 wanted$/, 60_000);
  await kubectlOk(session.server.url, ['-n', 'shop', 'scale', 'deployment/frontend', '--replicas=2']);
  await page.context().close();
});
