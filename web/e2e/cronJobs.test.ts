/**
 * The CronJob pages in Chromium against the demo cluster: nightly-backup's next five runs;
 * trigger now makes a Job kubectl shows owned by the CronJob with the manual annotation, and
 * the page's history shows it Complete without a reload; suspend/resume seen by kubectl and on
 * the page live; an invalid schedule refused before sending, a valid one previewed; warnings
 * and the schedule description in Chinese.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();

test('nightly-backup shows its next five runs, and trigger now runs a manual Job to Complete on the page', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/cronjobs/batch/nightly-backup`);
  await waitForText(page, '[data-testid="cronjob-api-version"]', /batch\/v1$/);
  const runs = await page.locator('[data-testid="next-runs"] li').allTextContents();
  assert.equal(runs.length, 5);
  for (const r of runs) assert.match(r, /^\d{4}-\d\d-\d\dT02:00:00Z$/);
  await waitForText(page, '[data-testid="schedule-description"]', /At 02:00/);
  await page.screenshot({ path: join(SCREENSHOTS, 'cronjob-en.png'), fullPage: true });
  await page.getByTestId('trigger').click();
  const row = page.locator('[data-testid="job-history"] tr[data-job^="nightly-backup-manual-"]');
  await row.waitFor({ timeout: 20_000 });
  const name = (await row.getAttribute('data-job')) ?? '';
  const job = JSON.parse(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'job', name, '-o', 'json']));
  assert.equal(job.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
  assert.equal(job.metadata.ownerReferences[0].kind, 'CronJob');
  assert.equal(job.metadata.ownerReferences[0].name, 'nightly-backup');
  assert.equal(job.metadata.ownerReferences[0].controller, true);
  await page.locator(`[data-testid="job-history"] tr[data-job="${name}"][data-status="Complete"]`).waitFor({ timeout: 60_000 });
  await page.context().close();
});

test('suspend then resume: kubectl sees spec.suspend flip and the page shows it without a reload', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/cronjobs/batch/cache-warmer`);
  const suspend = () => kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjob', 'cache-warmer', '-o', 'jsonpath={.spec.suspend}']);
  await page.getByTestId('suspend').click();
  await page.locator('[data-testid="cronjob-detail"][data-suspended="true"]').waitFor();
  assert.equal(await suspend(), 'true');
  await page.getByTestId('resume').click();
  await page.locator('[data-testid="cronjob-detail"][data-suspended="false"]').waitFor();
  assert.equal(await suspend(), 'false');
  await page.context().close();
});

test('an invalid schedule is refused before anything is sent; a valid one shows its next runs first', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/cronjobs/batch/log-rotate`);
  const before = await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjob', 'log-rotate', '-o', 'jsonpath={.metadata.resourceVersion}']);
  let writes = 0;
  page.on('request', (r) => r.url().includes('/cronjobs/log-rotate/schedule') && writes++);
  await page.getByTestId('schedule-input').fill('0 25 * * *');
  await waitForText(page, '[data-testid="schedule-invalid"]', /end of range \(25\) above maximum \(23\)/);
  assert.equal(await page.getByTestId('schedule-save').isDisabled(), true);
  assert.equal(writes, 0);
  assert.equal(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjob', 'log-rotate', '-o', 'jsonpath={.metadata.resourceVersion}']), before);
  await page.getByTestId('schedule-input').fill('15 4 * * 1');
  const preview = await page.locator('[data-testid="preview-runs"] li').allTextContents();
  assert.equal(preview.length, 5);
  for (const r of preview) assert.match(r, /T04:15:00Z$/);
  await page.getByTestId('schedule-save').click();
  await waitForText(page, '[data-testid="schedule-description"]', /04:15/);
  assert.equal(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'cronjob', 'log-rotate', '-o', 'jsonpath={.spec.schedule}']), '15 4 * * 1');
  await page.context().close();
});

test('in 简体中文 the schedule description and every warning of the blocked ledger-export are Chinese', async () => {
  const page = await openPage(session.browser);
  await page.addInitScript(() => localStorage.setItem('console.language', 'zh'));
  await page.goto(`${session.server.url}c/demo/cronjobs/batch/ledger-export`);
  const warnings = page.locator('[data-testid="cronjob-warnings"] li');
  await warnings.first().waitFor();
  const codes = await warnings.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  assert.deepEqual(codes, ['forbidBlocked', 'missedSchedule', 'tooManyMissed']);
  for (const text of await warnings.allTextContents()) assert.match(text, /[\u4e00-\u9fff]/, text);
  assert.match((await page.getByTestId('schedule-description').textContent()) ?? '', /[\u4e00-\u9fff]/);
  await page.screenshot({ path: join(SCREENSHOTS, 'cronjob-zh.png'), fullPage: true });
  await page.context().close();
});
