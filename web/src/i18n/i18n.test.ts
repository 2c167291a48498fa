import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from './en.ts';
import { zh } from './zh.ts';
import { pickLanguage, translator } from './translate.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('English and Simplified Chinese have exactly the same keys', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test('every translation uses the same placeholders as the English message', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), key);
    assert.ok(zh[key].trim().length > 0, `${key} is empty in zh`);
  }
});

test('a Chinese browser gets Chinese, anything unknown gets English', () => {
  assert.equal(pickLanguage(['zh-CN', 'en']), 'zh');
  assert.equal(pickLanguage(['zh-Hans']), 'zh');
  assert.equal(pickLanguage(['fr-FR', 'en-GB']), 'en');
  assert.equal(pickLanguage(['de']), 'en');
  assert.equal(pickLanguage([]), 'en');
});

test('placeholders are filled, and a missing variable stays visible rather than vanishing', () => {
  const t = translator('en');
  assert.equal(t('pods.count', { shown: 3, total: 10 }), '3 of 10 pods');
  assert.equal(t('status.unavailable', {}), 'Cannot reach cluster {context}.');
  assert.equal(translator('zh')('pods.count', { shown: 3, total: 10 }), '3 / 10 个 Pod');
});
