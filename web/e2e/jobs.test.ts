/**
 * The Job list and page in Chromium against the console's demo cluster: the failed migration
 * explained with exit code and log tail (also in Chinese), a 5-completion parallel Job counting
 * up live to 5/5, suspend/resume seen by kubectl, and re-run starting a new Job that runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, openPage, waitForText } from './workloadsPage.ts';

const session = consoleSession();

const jobYaml = (name: string, sleep: number) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: batch
spec:
  completions: 5
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "echo working; sleep ${sleep}; echo done"]
`;

async function apply(yaml: string): Promise<void> {
  const r = await kubectl(['--server', `${session.server.url}k8s/demo`, 'apply', '--validate=false', '-f', '-'], { input: yaml });
  assert.equal(r.code, 0, r.stderr);
}

test('the failed schema-migration says BackoffLimitExceeded with the last pod\'s exit code and the tail of its log', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/jobs/batch/schema-migration`);
  await waitForText(page, '[data-testid="job-sentence"]', /3 pods failed, more than the backoff limit of 2 allows; the last, schema-migration-\w+, exited with code 1 \(container migrate\)/, 60_000);
  await waitForText(page, '[data-testid="job-log-tail"]', /migration 42 failed, database is dirty at version 42/);
  await waitForText(page, '[data-testid="job-backoff"]', /3 failed pods of 2 allowed/);
  await page.screenshot({ path: join(SCREENSHOTS, 'job-failed-en.png'), fullPage: true });
  await page.context().close();
});

test('in Chinese the failed Job\'s status sentences are Chinese', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1400, height: 1200 }, locale: 'zh-CN' });
  await context.addInitScript(() => localStorage.setItem('console.language', 'zh'));
  const page = await context.newPage();
  await page.goto(`${session.server.url}c/demo/jobs/batch/schema-migration`);
  const sentence = await waitForText(page, '[data-testid="job-sentence"]', /已失败：3 个 Pod 失败，超过了重试上限 2；最后一个 schema-migration-\w+ 以退出码 1 退出/, 60_000);
  assert.doesNotMatch(sentence.replace(/schema-migration-\w+|migrate|Pod/g, ''), /[A-Za-z]{3,}/, 'no English words left but the cluster\'s names');
  await waitForText(page, '[data-testid="job-status"]', /^已失败$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'job-failed-zh.png'), fullPage: true });
  await page.goto(`${session.server.url}c/demo/jobs?ns=batch`);
  await waitForText(page, '[data-testid="row-count"]', /任务/);
  await page.screenshot({ path: join(SCREENSHOTS, 'jobs-list-zh.png'), fullPage: true });
  await context.close();
});

test('a Job with completions 5 and parallelism 2 created with kubectl counts up live to 5/5 on its page and in the list', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/jobs/batch/count-up`);
  await apply(jobYaml('count-up', 20));
  await waitForText(page, '[data-testid="job-progress"]', /^0 of 5 succeeded$/, 30_000);
  await waitForText(page, '[data-testid="job-progress"]', /^[1-4] of 5 succeeded$/, 60_000);
  await waitForText(page, '[data-testid="job-progress"]', /^5 of 5 succeeded$/, 90_000);
  await waitForText(page, '[data-testid="job-status"]', /^Complete$/);
  await waitForText(page, '[data-testid="job-run-kind"]', /parallel, fixed count/);
  await page.goto(`${session.server.url}c/demo/jobs?ns=batch&q=count-up`);
  await waitForText(page, '[data-testid="job-progress"]', /^5\/5$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'jobs-list-en.png'), fullPage: true });
  await page.context().close();
});

test('suspending and resuming a Job on its page flips spec.suspend as kubectl sees it, and the page follows', async () => {
  const page = await openPage(session.browser);
  await apply(jobYaml('pausable', 600));
  await page.goto(`${session.server.url}c/demo/jobs/batch/pausable`);
  await waitForText(page, '[data-testid="job-status"]', /^Running$/, 30_000);
  await page.getByTestId('job-suspend').click();
  await waitForText(page, '[data-testid="job-status"]', /^Suspended$/, 30_000);
  assert.equal(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'job', 'pausable', '-o', 'jsonpath={.spec.suspend}']), 'true');
  await page.getByTestId('job-resume').click();
  await waitForText(page, '[data-testid="job-status"]', /^Running$/, 30_000);
  assert.equal(await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'job', 'pausable', '-o', 'jsonpath={.spec.suspend}']), 'false');
  await page.context().close();
});

test('re-running the finished weekly-report creates a new Job under the typed name, which runs to completion', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/jobs/batch/weekly-report`);
  await waitForText(page, '[data-testid="job-status"]', /^Complete$/, 60_000);
  await page.getByTestId('job-rerun').click();
  await page.getByTestId('job-rerun-name').fill('weekly-report-again');
  await page.getByTestId('job-rerun-start').click();
  await page.waitForURL(/\/jobs\/batch\/weekly-report-again$/);
  await waitForText(page, '[data-testid="job-status"]', /^Complete$/, 60_000);
  const labels = await kubectlOk(session.server.url, ['-n', 'batch', 'get', 'job', 'weekly-report-again', '-o', 'jsonpath={.spec.template.metadata.labels.job-name}']);
  assert.equal(labels, 'weekly-report-again');
  await page.context().close();
});
