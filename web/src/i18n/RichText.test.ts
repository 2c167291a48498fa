import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { RichText } from './RichText.tsx';
import { translator } from './translate.ts';

const link = createElement('a', { href: '/rs/api-7d9f' }, 'api-7d9f');

test('a link goes where each language puts the placeholder', () => {
  const en = translator('en')('rollout.newRs', { revision: 3 });
  const zh = translator('zh')('rollout.newRs', { revision: 3 });
  assert.equal(renderToStaticMarkup(createElement(RichText, { text: en, parts: { name: link } })), 'New ReplicaSet <a href="/rs/api-7d9f">api-7d9f</a> (revision 3)');
  assert.equal(renderToStaticMarkup(createElement(RichText, { text: zh, parts: { name: link } })), '新 ReplicaSet <a href="/rs/api-7d9f">api-7d9f</a>（版本 3）');
});

test('a placeholder with no part stays visible rather than vanishing', () => {
  assert.equal(renderToStaticMarkup(createElement(RichText, { text: 'Old {name} of {owner}', parts: { name: 'x' } })), 'Old x of {owner}');
});
