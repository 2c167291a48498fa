import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceNote } from '../../../../server/actions/references.ts';
import type { EndpointNote } from '../../../../server/actions/referencesServicePods.ts';
import type { ReferenceUse } from '../../../../server/kube/podTemplateReferences.ts';
import { phraseText } from '../../i18n/phrase.ts';
import { translator } from '../../i18n/translate.ts';
import { endpointPhrase, missPhrase, notePhrase, noteTone, usagePhrase } from './referencePhrases.ts';

const en = translator('en');
const zh = translator('zh');

const NOTES: ReferenceNote[] = [
  { code: 'missingRequired', kind: 'ConfigMap', name: 'refs-settings', effect: 'configError' },
  { code: 'missingRequired', kind: 'Secret', name: 'tls', effect: 'mountFails' },
  { code: 'missingOptional', kind: 'Secret', name: 'extra' },
  { code: 'missingKey', kind: 'ConfigMap', name: 'cfg', key: 'mode', optional: false, effect: 'configError' },
  { code: 'missingKey', kind: 'ConfigMap', name: 'cfg', key: 'mode', optional: true, effect: 'mountFails' },
  { code: 'missingPullSecret', name: 'registry' },
  { code: 'missingClaim', name: 'data' },
  { code: 'claimFromTemplate', name: 'data-pg-1', template: 'data' },
  { code: 'claimNotBound', name: 'data', phase: 'Pending' },
  { code: 'missingServiceAccount', name: 'builder' },
  { code: 'forbidden', kind: 'Secret', name: 'tls' },
];
const USES: ReferenceUse[] = [
  { via: 'envFrom', container: 'api', role: 'app', optional: false },
  { via: 'envFrom', container: 'api', role: 'app', prefix: 'APP_', optional: false },
  { via: 'envKey', container: 'migrate', role: 'init', variable: 'MODE', key: 'mode', optional: false },
  { via: 'volume', volume: 'conf', projected: false, optional: false, mounts: [{ container: 'web', role: 'app', mountPath: '/etc/conf', readOnly: true }, { container: 'dbg', role: 'ephemeral', mountPath: '/c', readOnly: false }] },
  { via: 'volume', volume: 'bundle', projected: true, optional: false, mounts: [] },
  { via: 'imagePullSecret', optional: false },
  { via: 'serviceAccount', defaulted: true, optional: false },
  { via: 'claimTemplate', template: 'data', ordinal: 1, optional: false },
];
const ENDPOINTS: EndpointNote[] = [
  { code: 'podNotReady', containers: ['web', 'sidecar'] },
  { code: 'podNotReady', containers: [] },
  { code: 'noPodIP' },
  { code: 'terminating' },
  { code: 'finished', phase: 'Succeeded' },
  { code: 'noTargetPort', port: 'http' },
  { code: 'notListed' },
];

test('a missing required ConfigMap says the containers cannot start with CreateContainerConfigError, in both languages', () => {
  assert.equal(
    phraseText(notePhrase(NOTES[0]), en),
    'ConfigMap refs-settings does not exist: containers that read it as environment variables cannot start (CreateContainerConfigError) until it is created.',
  );
  assert.equal(phraseText(notePhrase(NOTES[0]), zh), 'ConfigMap refs-settings 不存在：以环境变量读取它的容器无法启动（CreateContainerConfigError），直到它被创建。');
  assert.equal(noteTone(NOTES[0]), 'bad');
  assert.equal(noteTone(NOTES[2]), 'note', 'a missing optional Secret is only a note');
  assert.equal(noteTone(NOTES[4]), 'note');
});

test('uses name the container, variable, key and mount paths', () => {
  assert.equal(phraseText(usagePhrase(USES[2]), en), 'init container migrate: key mode as MODE');
  assert.equal(phraseText(usagePhrase(USES[3]), en), 'volume conf mounted at /etc/conf (container web), /c (ephemeral container dbg)');
  assert.equal(phraseText(usagePhrase(USES[3]), zh), '卷 conf，挂载于 /etc/conf（容器 web）、/c（临时容器 dbg）');
});

test('every code is worded in both languages, with no placeholder left', () => {
  const phrases = [...NOTES.map(notePhrase), ...USES.map(usagePhrase), ...ENDPOINTS.map(endpointPhrase), missPhrase({ key: 'app', wanted: 'a' }), missPhrase({ key: 'app', wanted: 'a', actual: 'b' })];
  for (const t of [en, zh]) {
    for (const p of phrases) {
      const text = phraseText(p, t);
      assert.doesNotMatch(text, /[{}]/, text);
      assert.notEqual(text, p.key, `${p.key} is worded`);
    }
  }
  assert.equal(phraseText(endpointPhrase(ENDPOINTS[0]), en), 'The pod is not Ready (containers not ready: web, sidecar); traffic skips it until its readiness probe passes.');
});
