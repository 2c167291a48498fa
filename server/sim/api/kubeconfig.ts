import { writeFileSync } from 'node:fs';
import { stringifyYaml } from './lazyYaml.ts';

export interface KubeconfigInput {
  url: string;
  caPem?: string;
  token?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A kubeconfig with one cluster, user and context, all named `demo`. */
export function kubeconfigYaml(k: KubeconfigInput): string {
  const user: Record<string, string> = {};
  if (k.token) user.token = k.token;
  if (k.clientCertPem && k.clientKeyPem) {
    user['client-certificate-data'] = b64(k.clientCertPem);
    user['client-key-data'] = b64(k.clientKeyPem);
  }
  const cluster: Record<string, string> = { server: k.url };
  if (k.caPem) cluster['certificate-authority-data'] = b64(k.caPem);
  return stringifyYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'demo', cluster }],
    users: [{ name: 'demo', user }],
    contexts: [{ name: 'demo', context: { cluster: 'demo', user: 'demo' } }],
    'current-context': 'demo',
    preferences: {},
  });
}

export function writeKubeconfig(file: string, k: KubeconfigInput): void {
  writeFileSync(file, kubeconfigYaml(k), { mode: 0o600 });
}
