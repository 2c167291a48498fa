import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../i18n/translate.ts';
import { checkCronJobForm, checkJobForm, problemText, visibleProblems, wholeNumber, type CronJobFormInput, type JobFormInput, type Problem } from './createChecks.ts';
import { checkManifest, cronJobTemplate, jobTemplate } from './createManifest.ts';

const job: JobFormInput = { namespace: 'batch', name: 'resize-images', image: 'busybox:1.36', command: 'echo hi', completions: '5', parallelism: '2', backoffLimit: '', completionMode: 'NonIndexed', restartPolicy: 'Never' };
const cron: CronJobFormInput = { namespace: 'batch', name: 'tidy', schedule: '30 2 * * *', timeZone: 'Asia/Shanghai', concurrencyPolicy: 'Forbid', suspend: true, startingDeadlineSeconds: '120', image: 'busybox:1.36', command: '' };

test('a filled-in Job form becomes the body the BFF takes, empty numbers left to the API server\'s defaults', () => {
  assert.deepEqual(checkJobForm(job), {
    problems: {},
    body: { name: 'resize-images', image: 'busybox:1.36', command: 'echo hi', completions: 5, parallelism: 2, completionMode: 'NonIndexed', restartPolicy: 'Never' },
  });
});

test('a Job form with a bad name, image or count is refused field by field', () => {
  const { problems, body } = checkJobForm({ ...job, name: 'Resize_Images', image: 'busy box', completions: '1e308', parallelism: '-1', backoffLimit: '2147483648' });
  assert.equal(body, undefined);
  assert.deepEqual(problems, {
    name: { code: 'name', max: 63 },
    image: { code: 'image' },
    completions: { code: 'wholeNumber' },
    parallelism: { code: 'atLeast', min: 0 },
    backoffLimit: { code: 'atMost', max: 2147483647 },
  });
  assert.deepEqual(checkJobForm({ ...job, name: 'x'.repeat(64) }).problems, { name: { code: 'name', max: 63 } }, 'a Job name becomes a 63-character label');
  assert.deepEqual(checkJobForm({ ...job, completionMode: 'Indexed', completions: '' }).problems, { completions: { code: 'required' } }, 'an Indexed Job needs its count');
  assert.deepEqual(checkJobForm({ ...job, name: '' }).problems, { name: { code: 'required' } });
});

test('whole numbers: digits only, within the field\'s type', () => {
  assert.deepEqual(wholeNumber(' 3 ', 0), { value: 3 });
  assert.deepEqual(wholeNumber('', 0), {});
  for (const bad of ['1.5', 'abc', '3 pods', '0x10']) assert.deepEqual(wholeNumber(bad, 0), { problem: { code: 'wholeNumber' } }, bad);
  assert.deepEqual(wholeNumber('9007199254740993', 0, 'int64'), { problem: { code: 'atMost', max: Number.MAX_SAFE_INTEGER } });
});

test('a CronJob form: schedule by the controller\'s parser, no TZ= prefix, a time zone only where batch/v1 has one', () => {
  assert.deepEqual(checkCronJobForm(cron, 'v1').body, { name: 'tidy', schedule: '30 2 * * *', timeZone: 'Asia/Shanghai', concurrencyPolicy: 'Forbid', suspend: true, startingDeadlineSeconds: 120, image: 'busybox:1.36' });
  assert.deepEqual(checkCronJobForm({ ...cron, schedule: '0 25 * * *' }, 'v1').problems, { schedule: { code: 'schedule', reason: 'end of range (25) above maximum (23): 25' } });
  assert.deepEqual(checkCronJobForm({ ...cron, schedule: 'TZ=UTC 0 1 * * *' }, 'v1').problems, { schedule: { code: 'tzPrefix' } });
  assert.deepEqual(checkCronJobForm({ ...cron, timeZone: 'Mars/Olympus' }, 'v1').problems, { timeZone: { code: 'timeZone', zone: 'Mars/Olympus' } });
  assert.deepEqual(checkCronJobForm(cron, 'v1beta1').problems, { timeZone: { code: 'timeZoneVersion', version: 'v1beta1' } });
  assert.deepEqual(checkCronJobForm({ ...cron, name: 'n'.repeat(53) }, 'v1').problems, { name: { code: 'name', max: 52 } }, 'the controller appends 11 characters to name its Jobs');
});

test('"required" shows only once a create was refused; other problems as they are typed', () => {
  const problems = { name: { code: 'required' }, image: { code: 'image' } } satisfies Record<string, Problem>;
  assert.deepEqual(visibleProblems(problems, false), { image: { code: 'image' } });
  assert.deepEqual(visibleProblems(problems, true), problems);
});

test('the templates are valid manifests of their kind, in the namespace asked', () => {
  const j = checkManifest(jobTemplate('shop'), 'Job', 'default');
  assert.ok(j.ok && j.namespace === 'shop' && j.name === 'my-job' && j.object.kind === 'Job');
  const cj = checkManifest(cronJobTemplate('shop', 'v1'), 'CronJob', 'default');
  assert.ok(cj.ok && cj.namespace === 'shop' && cj.object.apiVersion === 'batch/v1');
  const old = checkManifest(cronJobTemplate('shop', 'v1beta1'), 'CronJob', 'default', 'v1beta1');
  assert.ok(old.ok && old.object.apiVersion === 'batch/v1beta1' && !('timeZone' in (old.object.spec as object)), 'no timeZone where the cluster has none');
});

test('malformed YAML is pointed to by line and column', () => {
  const text = jobTemplate('shop').replace('  completions: 1', '  completions: [1');
  const r = checkManifest(text, 'Job', 'default');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.problem.code === 'yaml');
  assert.ok(!r.ok && r.line !== undefined && r.line >= 7, `line ${!r.ok ? r.line : ''}`);
  const tab = checkManifest('apiVersion: batch/v1\nkind: Job\nmetadata:\n\tname: x\n', 'Job', 'default');
  assert.deepEqual(!tab.ok && [tab.line, tab.problem.code], [4, 'yaml'], 'a tab indent on line 4');
});

test('a wrong kind, an invalid name or schedule is pointed to by the line of its field', () => {
  const wrongKind = checkManifest(jobTemplate('shop').replace('kind: Job', 'kind: Pod'), 'Job', 'default');
  assert.deepEqual(wrongKind, { ok: false, line: 2, column: 7, field: 'kind', problem: { code: 'kind', expected: 'batch/v1 Job', found: 'batch/v1 Pod' } });
  const badName = checkManifest(jobTemplate('shop').replace('name: my-job', 'name: My_Job'), 'Job', 'default');
  assert.deepEqual(badName, { ok: false, line: 4, column: 9, field: 'metadata.name', problem: { code: 'name', max: 63 } });
  const badSchedule = checkManifest(cronJobTemplate('shop', 'v1').replace('"*/15 * * * *"', '"0 25 * * *"'), 'CronJob', 'default');
  assert.deepEqual(badSchedule, { ok: false, line: 7, column: 13, field: 'spec.schedule', problem: { code: 'schedule', reason: 'end of range (25) above maximum (23): 25' } });
  const noNs = checkManifest(jobTemplate('shop').replace('  namespace: shop\n', ''), 'Job', 'batch');
  assert.ok(noNs.ok && noNs.namespace === 'batch', 'without metadata.namespace: the dialog\'s namespace');
  const generated = checkManifest(jobTemplate('shop').replace('name: my-job', 'generateName: nightly-'), 'Job', 'default');
  assert.ok(generated.ok && generated.name === 'nightly-', 'a Job may be named by generateName');
});

test('every problem is worded in English and Chinese', () => {
  const all: Problem[] = [
    { code: 'required' }, { code: 'name', max: 63 }, { code: 'namespace' }, { code: 'image' }, { code: 'wholeNumber' }, { code: 'atLeast', min: 0 }, { code: 'atMost', max: 9 },
    { code: 'tooLong', max: 9 }, { code: 'schedule', reason: 'r' }, { code: 'tzPrefix' }, { code: 'timeZone', zone: 'Mars/Olympus' }, { code: 'timeZoneVersion', version: 'v1beta1' },
    { code: 'kind', expected: 'batch/v1 Job', found: 'v1 Pod' }, { code: 'mapping' },
  ];
  const en = translator('en');
  const zh = translator('zh');
  for (const p of all) {
    assert.doesNotMatch(problemText(p, en), /\{\w+\}/, p.code);
    assert.match(problemText(p, zh), /[\u4e00-\u9fff]/, p.code);
  }
  assert.equal(problemText({ code: 'name', max: 52 }, en), "A name is lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 52 characters.");
});
