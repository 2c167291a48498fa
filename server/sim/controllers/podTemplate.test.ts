import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equalIgnoreHash, podTemplateHash } from './podTemplate.ts';

const template = (metadata: Record<string, unknown>, image = 'nginx:1.26') => ({ metadata, spec: { containers: [{ name: 'nginx', image }] } });

test('the template hash and EqualIgnoreHash do not see the creationTimestamp: null kubectl writes into templates', () => {
  const applied = template({ labels: { app: 'web' } });
  const undone = template({ creationTimestamp: null, labels: { app: 'web' } });
  assert.equal(podTemplateHash(undone), podTemplateHash(applied));
  assert.ok(equalIgnoreHash(undone, template({ labels: { app: 'web', 'pod-template-hash': podTemplateHash(applied) } })));
  assert.ok(equalIgnoreHash(template({ creationTimestamp: null }), { spec: applied.spec }), 'metadata with only nulls is no metadata');
});

test('the template hash still changes with the template and the collision count', () => {
  const t = template({ labels: { app: 'web' } });
  assert.notEqual(podTemplateHash(t), podTemplateHash(template({ labels: { app: 'web' } }, 'nginx:1.27')));
  assert.notEqual(podTemplateHash(t), podTemplateHash(t, 1));
  assert.ok(!equalIgnoreHash(t, template({ labels: { app: 'web' } }, 'nginx:1.27')));
  assert.match(podTemplateHash(t), /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
});
