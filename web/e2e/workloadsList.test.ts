/**
 * The workload, node and event lists in Chromium against the console's demo cluster: seeded
 * shop deployments with their ready counts, live scaling, status chips and filters in the URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForTable } from './workloadsPage.ts';

const session = consoleSession();


const row = (rows: string[][], name: string) => rows.find((r) => r[0] === name);

test('the seeded shop deployments appear with their ready counts, and scaling frontend to 5 shows 5/5 without a reload', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments?ns=shop`);
  const rows = await waitForTable(page, (r) => row(r, 'frontend')?.[2] === '2/2' && row(r, 'api') !== undefined && row(r, 'recommender') !== undefined, 'shop deployments');
  assert.deepEqual(rows.map((r) => r[1]), rows.map(() => 'shop'));
  // The recommender's image crash-loops: its rollout is shown as failed, with the reason.
  await waitForTable(page, (r) => /Failed · CrashLoopBackOff/.test(row(r, 'recommender')?.[6] ?? ''), 'the recommender failing with CrashLoopBackOff');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(SCREENSHOTS, 'workloads-list.png') });

  await kubectlOk(session.server.url, ['-n', 'shop', 'scale', 'deployment/frontend', '--replicas=5']);
  await waitForTable(page, (r) => row(r, 'frontend')?.[2] === '5/5' && row(r, 'frontend')?.[4] === '5', 'frontend at 5/5 ready and available', 60_000);
  await kubectlOk(session.server.url, ['-n', 'shop', 'scale', 'deployment/frontend', '--replicas=2']);
  await page.context().close();
});

test('status chips and the label filter narrow the list and live in the URL, so a reload shows the same rows', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/deployments?ns=shop`);
  await waitForTable(page, (r) => row(r, 'recommender') !== undefined && row(r, 'frontend') !== undefined, 'shop deployments');
  await page.getByTestId('chip-failed').click();
  await page.waitForURL(/status=failed/);
  await waitForTable(page, (r) => r.every((x) => /Failed/.test(x[6])) && row(r, 'recommender') !== undefined, 'only failed rollouts');

  await page.getByTestId('chip-failed').click();
  // The filter builds its URL from the rendered one: wait until the chip is off there.
  await page.locator('[data-testid="chip-failed"][aria-pressed="false"]').waitFor();
  await page.getByTestId('filter').fill('tier=web');
  await waitForTable(page, (r) => r.length === 1 && row(r, 'frontend') !== undefined, 'the label filter tier=web');
  await page.reload();
  await waitForTable(page, (r) => r.length === 1 && row(r, 'frontend') !== undefined, 'tier=web after reload');
  assert.equal(await page.getByTestId('filter').inputValue(), 'tier=web');
  await page.context().close();
});

test('the Nodes view shows requested vs allocatable per node, and Events show the Pending pod\'s FailedScheduling warning', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/nodes`);
  const nodes = await waitForTable(page, (r) => ['node-a', 'node-b', 'node-c'].every((n) => row(r, n)), 'three nodes');
  assert.match(row(nodes, 'node-c')?.[6] ?? '', /dedicated=gpu:NoSchedule/);
  assert.match(row(nodes, 'node-a')?.[3] ?? '', /\d.*\/\d.*\(\d+%\)/);

  await page.goto(`${session.server.url}c/demo/events?ns=shop&status=Warning`);
  await waitForTable(page, (r) => r.some((x) => x[2] === 'FailedScheduling' && x[3] === 'pod/report-renderer'), 'the FailedScheduling warning', 40_000);
  const rows = await waitForTable(page, (r) => r.length > 0, 'warnings');
  assert.ok(rows.every((x) => x[1] === 'Warning'), 'the Warning chip keeps only warnings');
  await page.context().close();
});
