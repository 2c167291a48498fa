import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeconfigError, loadKubeconfig } from './kubeconfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const TWO_CONTEXTS = `apiVersion: v1
kind: Config
current-context: "arn:aws:eks:eu/prod@me"
clusters:
- name: minikube
  cluster:
    server: https://192.168.49.2:8443
    certificate-authority: ca.crt
- name: eks
  cluster:
    server: https://ABC.eks.amazonaws.com
    insecure-skip-tls-verify: true
users:
- name: minikube
  user:
    token: abc
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token]
contexts:
- name: minikube
  context: { cluster: minikube, user: minikube, namespace: shop }
- name: "arn:aws:eks:eu/prod@me"
  context: { cluster: eks, user: eks }
`;

test('every context of a kubeconfig is listed and the current one is selected', () => {
  const loaded = loadKubeconfig([file('two.yaml', TWO_CONTEXTS)]);
  assert.deepEqual(
    loaded.contexts.map((c) => [c.name, c.server, c.namespace, c.source]),
    [
      ['minikube', 'https://192.168.49.2:8443', 'shop', 'kubeconfig'],
      ['arn:aws:eks:eu/prod@me', 'https://ABC.eks.amazonaws.com', undefined, 'kubeconfig'],
    ],
  );
  assert.equal(loaded.current, 'arn:aws:eks:eu/prod@me');
  // The relative CA path is resolved against the kubeconfig's folder and reported missing, without failing the load.
  assert.match(loaded.contexts[0].problem ?? '', /certificate-authority file .*ca\.crt does not exist/);
  assert.equal(loaded.contexts[0].kubeConfig.getCurrentCluster()?.caFile, join(dir, 'ca.crt'));
  assert.equal(loaded.contexts[1].kubeConfig.getCurrentUser()?.exec?.command, 'aws');
});

test('several KUBECONFIG files merge like kubectl: first definition wins', () => {
  const a = file('a.yaml', TWO_CONTEXTS);
  const b = file('b.yaml', TWO_CONTEXTS.replace('current-context: "arn:aws:eks:eu/prod@me"', 'current-context: minikube').replace('- name: minikube\n  context: { cluster: minikube, user: minikube, namespace: shop }', '- name: minikube\n  context: { cluster: minikube, user: minikube, namespace: other }\n- name: extra\n  context: { cluster: minikube, user: minikube }'));
  const loaded = loadKubeconfig([a, b]);
  assert.deepEqual(loaded.contexts.map((c) => c.name), ['minikube', 'arn:aws:eks:eu/prod@me', 'extra']);
  assert.equal(loaded.contexts[0].namespace, 'shop');
  assert.equal(loaded.current, 'arn:aws:eks:eu/prod@me');
});

function refusal(text: string): KubeconfigError {
  const p = file(`bad-${Math.random().toString(36).slice(2)}.yaml`, text);
  try {
    loadKubeconfig([p]);
  } catch (err) {
    assert.ok(err instanceof KubeconfigError, String(err));
    assert.ok(err.message.includes(p), `message names the file: ${err.message}`);
    assert.ok(!err.message.includes('\n'), 'one line');
    return err;
  }
  assert.fail('expected the kubeconfig to be refused');
}

test('a cluster without a server is refused naming the field', () => {
  const err = refusal(TWO_CONTEXTS.replace('    server: https://ABC.eks.amazonaws.com\n', ''));
  assert.equal(err.field, 'clusters[1] (eks).cluster.server');
});

test('a server that is not a URL, broken YAML, a context naming a missing cluster, no contexts: each names its field', () => {
  assert.match(refusal(TWO_CONTEXTS.replace('https://192.168.49.2:8443', '192.168.49.2:8443')).message, /clusters\[0\] \(minikube\)\.cluster\.server: "192\.168\.49\.2:8443" is not an http\(s\) URL/);
  assert.match(refusal('clusters: [\n  - name: x\n').message, /yaml: not valid YAML/);
  assert.match(refusal(TWO_CONTEXTS.replace('{ cluster: eks, user: eks }', '{ cluster: gone, user: eks }')).message, /contexts\[1\] \(arn:aws:eks:eu\/prod@me\)\.context\.cluster: names cluster "gone"/);
  assert.match(refusal('apiVersion: v1\nkind: Config\nclusters: []\n').message, /contexts: no context is defined/);
  assert.match(refusal('clusters: {}\n').message, /clusters: must be a list/);
  assert.match(refusal('contexts:\n- context: {cluster: a}\n').message, /contexts\[0\]\.name: is missing/);
});

test('a KUBECONFIG naming a missing file is refused', () => {
  assert.throws(() => loadKubeconfig([join(dir, 'nope.yaml')]), /nope\.yaml: \(file\): does not exist/);
});
