import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import { list, phrase, phraseText, raw } from './phrase.ts';
import { renderPhrase } from './PhraseText.tsx';
import { translator } from './translate.ts';

const en = translator('en');
const zh = translator('zh');
const twoNodes = phrase('pending.insufficient', {
  wanted: raw('12'),
  resource: phrase('pending.resource.cpu'),
  nodes: list([phrase('pending.nodeFree', { node: raw('node-a'), free: raw('3.2'), allocatable: raw('4') }), phrase('pending.nodeFree', { node: raw('node-b'), free: raw('3.5'), allocatable: raw('4') })]),
});

test('a phrase is worded in each language, nested phrases and lists included', () => {
  assert.equal(phraseText(twoNodes, en), 'No node has 12 CPU free: node-a has 3.2 of 4 free, node-b has 3.5 of 4 free.');
  assert.equal(phraseText(twoNodes, zh), '没有节点有足够的空闲 CPU（需要 12）：node-a 空闲 3.2 / 4、node-b 空闲 3.5 / 4。');
});

test('the cluster\'s data is rendered in data-raw spans, our words around them are not', () => {
  const html = renderToStaticMarkup(renderPhrase(phrase('pod.schedulerSaid', { count: 4, message: raw('0/3 nodes are available: 3 Insufficient cpu.') }), zh));
  assert.equal(html, '调度器报告（4 次）：<span class="raw" data-raw="">0/3 nodes are available: 3 Insufficient cpu.</span>');
});

test('data that looks like a placeholder stays data', () => {
  const p = phrase('pending.schedulerSays', { said: raw('taint {dedicated: gpu} and {said}') });
  assert.equal(phraseText(p, en), 'The scheduler says: taint {dedicated: gpu} and {said}');
  assert.match(renderToStaticMarkup(renderPhrase(p, en)), /<span class="raw" data-raw="">taint \{dedicated: gpu\} and \{said\}<\/span>$/);
});
