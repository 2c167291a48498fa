/**
 * The YAML editor in Chromium against the console's demo cluster: malformed YAML is pointed to by
 * line, a dry run of an invalid change shows the server's cause and changes nothing, and an edit
 * racing an external change gets the 409 explanation with the edited text still there, then
 * rebases onto the latest version without losing the external change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();

interface Deployment {
  metadata: { resourceVersion: string; generation: number; annotations?: Record<string, string> };
  spec: { replicas: number };
  status?: { observedGeneration?: number; replicas?: number; readyReplicas?: number; availableReplicas?: number; updatedReplicas?: number };
}

const frontendUrl = () => `${session.server.url}k8s/demo/apis/apps/v1/namespaces/shop/deployments/frontend`;

async function frontend(): Promise<Deployment> {
  const res = await fetch(frontendUrl());
  assert.equal(res.status, 200);
  return (await res.json()) as Deployment;
}

/** Waits until the controllers are done with the frontend, so its resourceVersion holds still. */
async function settledFrontend(replicas: number): Promise<Deployment> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const d = await frontend();
    const s = d.status ?? {};
    const settled = s.observedGeneration === d.metadata.generation && [s.replicas, s.readyReplicas, s.availableReplicas, s.updatedReplicas].every((n) => n === replicas);
    if (settled) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await frontend();
      if (again.metadata.resourceVersion === d.metadata.resourceVersion) return d;
    }
    if (Date.now() > deadline) throw new Error(`the frontend did not settle at ${replicas} replicas: ${JSON.stringify(d.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Opens the frontend's YAML at `resourceVersion` and switches to the editor; returns the text it starts from. */
async function editFrontendYaml(page: Page, resourceVersion: string): Promise<string> {
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  await page.getByTestId('workload-detail').waitFor();
  await page.getByTestId('yaml-toggle').click();
  await page.locator(`[data-testid="yaml"][data-resource-version="${resourceVersion}"]`).waitFor({ timeout: 20_000 });
  assert.doesNotMatch((await page.getByTestId('yaml-view').textContent()) ?? '', /managedFields/);
  await page.getByTestId('yaml-edit').click();
  return page.getByTestId('yaml-text').inputValue();
}


test('malformed YAML is pointed to by line and column, and a dry run of replicas -1 shows the 422 cause and changes nothing', async () => {
  const before = await settledFrontend(2);
  const page = await openPage(session.browser);
  const text = await editFrontendYaml(page, before.metadata.resourceVersion);

  const lines = text.split('\n');
  const nameAt = lines.findIndex((l) => l.startsWith('  name: frontend'));
  assert.ok(nameAt > 0, 'the YAML has metadata.name');
  lines.splice(nameAt + 1, 0, ' misindented: true');
  await page.getByTestId('yaml-text').fill(lines.join('\n'));
  await page.getByTestId('yaml-validate').click();
  await waitForText(page, '[data-testid="yaml-verdict"]', new RegExp(`^line ${nameAt + 2}, column \\d+: \\S`));
  assert.equal(await page.getByTestId('yaml-verdict').getAttribute('data-tone'), 'bad');

  const invalid = text.replace(/^ {2}replicas: 2$/m, '  replicas: -1');
  assert.notEqual(invalid, text, 'the editor shows spec.replicas: 2');
  await page.getByTestId('yaml-text').fill(invalid);
  await page.getByTestId('yaml-diff').click();
  await waitForText(page, '[data-testid="yaml-diff-view"]', /- {3}replicas: 2\n.*\+ {3}replicas: -1/s);
  await page.getByTestId('yaml-dry-run').click();
  await page.locator('[data-testid="yaml-error"][data-code="422"]').waitFor({ timeout: 15_000 });
  await waitForText(page, '[data-testid="yaml-error"] .status-message__causes', /spec\.replicas/);
  assert.equal(await page.getByTestId('yaml-text').inputValue(), invalid, 'the rejected edit stays in the editor');

  const afterDryRun = await frontend();
  assert.equal(afterDryRun.spec.replicas, 2);
  assert.equal(afterDryRun.metadata.resourceVersion, before.metadata.resourceVersion, 'a dry run stores nothing');
  await page.context().close();
});

test('a YAML edit racing an external change gets the 409 explanation, keeps the edited text, and rebases onto the latest', async () => {
  const loaded = await settledFrontend(2);
  const page = await openPage(session.browser);
  const text = await editFrontendYaml(page, loaded.metadata.resourceVersion);
  const edited = text.replace(/^ {2}replicas: 2$/m, '  replicas: 3').replace(/^ {2}labels:\n/m, '  labels:\n    edited-by: yaml-test\n');
  assert.match(edited, /edited-by: yaml-test/);
  await page.getByTestId('yaml-text').fill(edited);

  // Meanwhile someone else annotates the deployment.
  const patch = await fetch(frontendUrl(), {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ metadata: { annotations: { 'example.com/touched': 'externally' } } }),
  });
  assert.equal(patch.status, 200, await patch.text());

  await page.getByTestId('yaml-apply').click();
  await page.locator('[data-testid="yaml-error"][data-code="409"]').waitFor({ timeout: 15_000 });
  await waitForText(page, '[data-testid="yaml-error"]', /changed after you loaded it/);
  assert.equal(await page.getByTestId('yaml-text').inputValue(), edited, 'the edited text is still there');
  await page.screenshot({ path: join(SCREENSHOTS, 'yaml-conflict.png') });
  const untouched = await frontend();
  assert.equal(untouched.spec.replicas, 2, 'the conflicting write changed nothing');

  await page.getByTestId('yaml-rebase').click();
  await waitForText(page, '[data-testid="yaml-verdict"]', /^Applied; the object is now at version \d+/);
  const rebased = await frontend();
  assert.equal(rebased.spec.replicas, 3, 'my edit is applied');
  assert.equal(rebased.metadata.annotations?.['example.com/touched'], 'externally', 'the external change survives the rebase');
  assert.equal((rebased.metadata as { labels?: Record<string, string> }).labels?.['edited-by'], 'yaml-test');
  await page.context().close();
});
