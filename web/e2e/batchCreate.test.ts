/**
 * Creating Jobs and CronJobs in Chromium against the demo cluster: a Job from the form, which
 * kubectl sees with the spec asked for and whose page shows it complete without a reload; a
 * CronJob from YAML, which kubectl sees and whose page lists its next runs; an invalid name or
 * schedule and malformed YAML refused before anything is sent, with the reason (the YAML by line
 * and column); a name that exists answered with the API server's AlreadyExists, the input kept;
 * the CronJob form in 简体中文. The test makes its own namespace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { openTall } from './storagePages.ts';
import { kubectlOk, waitForText } from './workloadsPage.ts';

const session = consoleSession();
const url = () => session.server.url;
const NS = 'batch-create-test';

/** The writes (anything but GET) the page sends from now on. */
function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
  });
  return writes;
}

async function namespaceMade(): Promise<void> {
  const get = await kubectl(['--server', `${url()}k8s/demo`, 'get', 'namespace', NS]);
  if (get.code === 0) return;
  await kubectlOk(url(), ['create', 'namespace', NS]);
}

test('a Job created from the form: kubectl sees the spec it asked for, and its page shows it complete live', async () => {
  await namespaceMade();
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/jobs?ns=${NS}`);
  const writes = recordWrites(page);
  await page.getByTestId('job-create-open').click();
  await page.getByTestId('job-create').waitFor();
  assert.equal(await page.getByTestId('job-create-namespace').inputValue(), NS, 'the namespace the list shows');
  await page.getByTestId('job-create-name').fill('thumbnails');
  await page.getByTestId('job-create-image').fill('busybox:1.36');
  await page.getByTestId('job-create-command').fill('echo resizing; sleep 20; echo done');
  await page.getByTestId('job-create-completions').fill('3');
  await page.getByTestId('job-create-parallelism').fill('2');
  await page.getByTestId('job-create-backoffLimit').fill('1');
  await page.screenshot({ path: join(SCREENSHOTS, 'job-create.png') });
  assert.deepEqual(writes, [], 'nothing sent while the form is filled in');

  await page.getByTestId('job-create-submit').click();
  await page.waitForURL(new RegExp(`/c/demo/jobs/${NS}/thumbnails$`));
  assert.deepEqual(writes, [`POST ${url()}api/contexts/demo/namespaces/${NS}/jobs`], 'one create');
  const job = JSON.parse(await kubectlOk(url(), ['-n', NS, 'get', 'job', 'thumbnails', '-o', 'json']));
  assert.equal(job.spec.completions, 3);
  assert.equal(job.spec.parallelism, 2);
  assert.equal(job.spec.backoffLimit, 1);
  assert.equal(job.spec.completionMode, 'NonIndexed');
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  assert.equal(job.spec.template.spec.containers[0].image, 'busybox:1.36');
  assert.deepEqual(job.spec.template.spec.containers[0].command, ['sh', '-c', 'echo resizing; sleep 20; echo done']);
  // The page opens while the Job runs and follows it to the end without a reload.
  await waitForText(page, '[data-testid="job-status"]', /^Running$/, 30_000);
  await waitForText(page, '[data-testid="job-progress"]', /^[12] of 3 succeeded$/, 60_000);
  await waitForText(page, '[data-testid="job-progress"]', /^3 of 3 succeeded$/, 60_000);
  await waitForText(page, '[data-testid="job-status"]', /^Complete$/);
  assert.equal(JSON.parse(await kubectlOk(url(), ['-n', NS, 'get', 'job', 'thumbnails', '-o', 'jsonpath={.status.succeeded}'])), 3);
  await page.context().close();
});

const CRONJOB_YAML = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ledger-close
spec:
  schedule: "30 1 * * *"
  timeZone: Asia/Shanghai
  concurrencyPolicy: Replace
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: close
              image: busybox:1.36
              command: ["sh", "-c", "echo closing the books"]
`;

test('a CronJob created from YAML: kubectl sees it, and its page lists its next runs in its time zone', async () => {
  await namespaceMade();
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/cronjobs?ns=${NS}`);
  const writes = recordWrites(page);
  await page.getByTestId('cronjob-create-open').click();
  await page.getByTestId('cronjob-create-tab-yaml').click();
  const area = page.getByTestId('cronjob-create-yaml');
  const template = await area.inputValue();
  assert.match(template, /^apiVersion: batch\/v1\nkind: CronJob\n/, 'a template in the version the cluster serves');
  assert.match(template, new RegExp(`namespace: ${NS}\\n`));
  await area.fill(CRONJOB_YAML);
  await waitForText(page, '[data-testid="cronjob-create-yaml-verdict"]', new RegExp(`^Ready to create CronJob ledger-close in namespace ${NS}\\.$`));
  assert.deepEqual(writes, []);
  await page.getByTestId('cronjob-create-submit').click();
  await page.waitForURL(new RegExp(`/c/demo/cronjobs/${NS}/ledger-close$`));
  assert.deepEqual(writes, [`POST ${url()}api/contexts/demo/namespaces/${NS}/cronjobs`]);
  const cj = JSON.parse(await kubectlOk(url(), ['-n', NS, 'get', 'cronjob', 'ledger-close', '-o', 'json']));
  assert.equal(cj.spec.schedule, '30 1 * * *');
  assert.equal(cj.spec.timeZone, 'Asia/Shanghai');
  assert.equal(cj.spec.concurrencyPolicy, 'Replace');
  assert.equal(cj.spec.jobTemplate.spec.template.spec.containers[0].image, 'busybox:1.36');
  await page.locator('[data-testid="next-runs"] li').first().waitFor();
  const runs = await page.locator('[data-testid="next-runs"] li').allTextContents();
  assert.equal(runs.length, 5);
  for (const r of runs) assert.match(r, /^\d{4}-\d\d-\d\dT01:30:00\+08:00$/, r);
  await waitForText(page, '[data-testid="runs-zone"]', /Asia\/Shanghai/);
  await page.context().close();
});

test('an invalid name or schedule is refused before anything is sent, with the reason; a valid schedule is described and its runs listed', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/cronjobs?ns=batch`);
  const writes = recordWrites(page);
  await page.getByTestId('cronjob-create-open').click();
  await page.getByTestId('cronjob-create-name').fill('Nightly_Report');
  await waitForText(page, '[data-testid="cronjob-create-name-problem"]', /^A name is lowercase letters, digits, '-' and '\.', starting and ending with a letter or digit, at most 52 characters\.$/);
  await page.getByTestId('cronjob-create-schedule').fill('0 25 * * *');
  await waitForText(page, '[data-testid="cronjob-create-schedule-problem"]', /^Not a valid schedule: end of range \(25\) above maximum \(23\): 25$/);
  assert.equal(await page.getByTestId('cronjob-create-preview').count(), 0, 'no runs for an invalid schedule');
  await page.getByTestId('cronjob-create-submit').click();
  await waitForText(page, '[data-testid="cronjob-create-refused"]', /^Not sent: correct the fields marked below\.$/);
  assert.equal(await page.getByTestId('cronjob-create').isVisible(), true, 'the dialog stays, with the input');
  assert.equal(await page.getByTestId('cronjob-create-schedule').inputValue(), '0 25 * * *');

  await page.getByTestId('cronjob-create-schedule').fill('TZ=Europe/Paris 0 1 * * *');
  await waitForText(page, '[data-testid="cronjob-create-schedule-problem"]', /put the zone in the time zone field\.$/);
  await page.getByTestId('cronjob-create-schedule').fill('15 4 * * 1');
  await waitForText(page, '[data-testid="cronjob-create-description"]', /04:15.*Monday/);
  const runs = await page.locator('[data-testid="cronjob-create-runs"] li').allTextContents();
  assert.equal(runs.length, 3);
  for (const r of runs) assert.match(r, /T04:15:00Z$/);
  await page.getByTestId('cronjob-create-timeZone').fill('Mars/Olympus');
  await waitForText(page, '[data-testid="cronjob-create-timeZone-problem"]', /^Unknown time zone Mars\/Olympus/);
  await page.getByTestId('cronjob-create-submit').click();
  assert.equal(await page.getByTestId('cronjob-create-refused').isVisible(), true);
  await page.getByTestId('cronjob-create-cancel').click();

  // A Job form left empty: "required" shows once a create is tried, and nothing goes out.
  await page.goto(`${url()}c/demo/jobs?ns=batch`);
  await page.getByTestId('job-create-open').click();
  assert.equal(await page.getByTestId('job-create-name-problem').count(), 0, 'not before a create is tried');
  await page.getByTestId('job-create-submit').click();
  await waitForText(page, '[data-testid="job-create-name-problem"]', /^Required\.$/);
  await page.getByTestId('job-create-completions').fill('2.5');
  await waitForText(page, '[data-testid="job-create-completions-problem"]', /^A whole number, or empty for the default\.$/);
  assert.deepEqual(writes, [], 'nothing was sent');
  assert.equal(await kubectlOk(url(), ['-n', 'batch', 'get', 'cronjobs', '-o', 'name']).then((s) => /nightly[-_]report/i.test(s)), false);
  await page.context().close();
});

test('malformed YAML is pointed to by its line and column, and not sent', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/jobs?ns=batch`);
  const writes = recordWrites(page);
  await page.getByTestId('job-create-open').click();
  await page.getByTestId('job-create-tab-yaml').click();
  const area = page.getByTestId('job-create-yaml');
  assert.match(await area.inputValue(), /^apiVersion: batch\/v1\nkind: Job\n/);
  await area.fill('apiVersion: batch/v1\nkind: Job\nmetadata:\n\tname: tabbed\nspec: {}\n');
  const verdict = '[data-testid="job-create-yaml-verdict"]';
  await waitForText(page, verdict, /^Line 4, column 1: /);
  assert.equal(await page.locator(verdict).getAttribute('data-line'), '4');
  await page.getByTestId('job-create-submit').click();
  await waitForText(page, '[data-testid="job-create-refused"]', /^Not sent/);
  const caret = await area.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
  assert.equal(caret, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n'.length, 'the caret is put on line 4');

  // Well-formed, but a Pod: the kind's line is named.
  await area.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: not-a-job\n');
  await waitForText(page, verdict, /^Line 2, column 7: kind: Expected batch\/v1 Job, found v1 Pod\.$/);
  assert.deepEqual(writes, [], 'nothing was sent');
  await page.context().close();
});

test('a name that already exists shows the API server\'s AlreadyExists, and the form keeps its input', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/jobs?ns=batch`);
  const writes = recordWrites(page);
  await page.getByTestId('job-create-open').click();
  await page.getByTestId('job-create-name').fill('schema-migration');
  await page.getByTestId('job-create-command').fill('echo once more');
  await page.getByTestId('job-create-submit').click();
  const error = page.locator('[data-testid="job-create"] [data-testid="action-error"] [data-reason="AlreadyExists"]');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /already exists/);
  assert.equal(writes.length, 1, 'one create, answered 409');
  assert.equal(await page.getByTestId('job-create-name').inputValue(), 'schema-migration', 'the input is kept');
  assert.equal(await page.getByTestId('job-create-command').inputValue(), 'echo once more');
  assert.match(page.url(), /\/c\/demo\/jobs\?ns=batch$/, 'still on the list');
  await page.screenshot({ path: join(SCREENSHOTS, 'job-create-exists.png') });
  const seeded = await kubectlOk(url(), ['-n', 'batch', 'get', 'job', 'schema-migration', '-o', 'jsonpath={.spec.template.spec.containers[0].command}']);
  assert.doesNotMatch(seeded, /once more/, 'the existing Job is untouched');

  // The YAML tab: the API server's Invalid (a Job without containers) shows with the text kept.
  await page.getByTestId('job-create-tab-yaml').click();
  const noContainers = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: empty-shell\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: []\n';
  await page.getByTestId('job-create-yaml').fill(noContainers);
  await page.getByTestId('job-create-submit').click();
  await page.locator('[data-testid="job-create"] [data-testid="action-error"] [data-reason="Invalid"]').waitFor();
  assert.equal(await page.getByTestId('job-create-yaml').inputValue(), noContainers);
  await page.context().close();
});

test('简体中文: the CronJob form is Chinese, describes the schedule in Chinese and refuses an invalid one in Chinese', async () => {
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/cronjobs?ns=batch`);
  await page.getByTestId('cronjob-create-open').click();
  await waitForText(page, '[data-testid="cronjob-create"] h2', /^创建定时任务$/);
  await page.getByTestId('cronjob-create-name').fill('nightly-report');
  await page.getByTestId('cronjob-create-schedule').fill('30 2 * * *');
  await waitForText(page, '[data-testid="cronjob-create-description"]', /[\u4e00-\u9fff]/);
  await page.screenshot({ path: join(SCREENSHOTS, 'cronjob-create-zh.png') });
  await page.getByTestId('cronjob-create-schedule').fill('0 25 * * *');
  await waitForText(page, '[data-testid="cronjob-create-schedule-problem"]', /^调度无效：end of range/);
  await page.getByTestId('cronjob-create-name').fill('Nightly_Report');
  await waitForText(page, '[data-testid="cronjob-create-name-problem"]', /^名称只能包含小写字母/);
  await page.getByTestId('cronjob-create-submit').click();
  await waitForText(page, '[data-testid="cronjob-create-refused"]', /^未发送/);
  await page.getByTestId('cronjob-create-tab-yaml').click();
  await page.getByTestId('cronjob-create-yaml').fill('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n\tname: x\n');
  await waitForText(page, '[data-testid="cronjob-create-yaml-verdict"]', /^第 4 行，第 1 列：/);
  await page.screenshot({ path: join(SCREENSHOTS, 'cronjob-create-yaml-zh.png') });
  await page.context().close();
});

test('a time zone moves the preview: weekday runs at 02:30 Berlin time', async () => {
  const page = await openTall(session.browser);
  await page.goto(`${url()}c/demo/cronjobs?ns=batch`);
  await page.getByTestId('cronjob-create-open').click();
  await page.getByTestId('cronjob-create-name').fill('nightly-report');
  await page.getByTestId('cronjob-create-schedule').fill('30 2 * * 1-5');
  await page.getByTestId('cronjob-create-timeZone').fill('Europe/Berlin');
  await waitForText(page, '[data-testid="cronjob-create-description"]', /At 02:30, Monday through Friday/);
  const runs = await page.locator('[data-testid="cronjob-create-runs"] li').allTextContents();
  for (const r of runs) assert.match(r, /T02:30:00\+0[12]:00$/, r);
  await page.screenshot({ path: join(SCREENSHOTS, 'cronjob-create.png') });
  await page.context().close();
});
