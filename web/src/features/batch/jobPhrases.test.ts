import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phraseText } from '../../i18n/phrase.ts';
import { translator } from '../../i18n/translate.ts';
import { durationText, failurePhrase, progressText } from './jobPhrases.ts';

test('a backoff failure names the last pod, its exit code and container, in English and Chinese', () => {
  const f = { code: 'BackoffLimitExceeded', params: { failed: 3, limit: 2, pod: 'm-1', container: 'migrate', exitCode: 1 } } as const;
  assert.equal(phraseText(failurePhrase(f), translator('en')), 'Failed: 3 pods failed, more than the backoff limit of 2 allows; the last, m-1, exited with code 1 (container migrate).');
  assert.equal(phraseText(failurePhrase(f), translator('zh')), '已失败：3 个 Pod 失败，超过了重试上限 2；最后一个 m-1 以退出码 1 退出（容器 migrate）。');
  assert.equal(phraseText(failurePhrase({ code: 'BackoffLimitExceeded', params: { failed: 7, limit: 6 } }), translator('en')), 'Failed: 7 pods failed, more than the backoff limit of 6 allows.');
});

test('a deadline failure says the deadline', () => {
  assert.equal(phraseText(failurePhrase({ code: 'DeadlineExceeded', params: { seconds: 30 } }), translator('zh')), '已失败：运行时间超过了 30 秒的期限，它的 Pod 已被停止。');
});

test('progress reads 3/5, or a bare count for a work queue; durations read 1h2m3s', () => {
  assert.equal(progressText({ succeeded: 3, completions: 5 }), '3/5');
  assert.equal(progressText({ succeeded: 3, completions: null }), '3');
  assert.equal(durationText(3723), '1h2m3s');
  assert.equal(durationText(42), '42s');
});
