/**
 * A Secret's data, one key at a time: the key list carries names and sizes only, and a value
 * leaves the BFF only when the user reveals that one key. Values are never logged: they travel
 * in response bodies, which the request log does not record, and refusals name the key, never
 * a value.
 */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';
import { quoted } from '../kube/names.ts';
import type { KubeObject } from '../kube/object.ts';

const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const KEY = /^[-._a-zA-Z0-9]+$/;

export interface SecretKeys {
  namespace: string;
  name: string;
  type: string;
  /** Sorted by key; `bytes` is the decoded size. */
  keys: { key: string; bytes: number }[];
}

export interface RevealedKey {
  key: string;
  /** UTF-8 text, or base64 when the bytes are not valid UTF-8 (a keystore, a binary certificate). */
  value: string;
  encoding: 'utf8' | 'base64';
}

/** Why `key` is no valid Secret data key (the API server's IsConfigMapKey), or undefined. */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length === 0 || key.length > 253) return 'must be 1 to 253 characters';
  if (!KEY.test(key)) return "must consist of alphanumeric characters, '-', '_' or '.'";
  if (key === '.' || key === '..') return `may not be '${key}'`;
  if (key.startsWith('..')) return "may not start with '..'";
  return undefined;
}

const data = (secret: KubeObject): Record<string, string> => (secret.data as Record<string, string> | undefined) ?? {};

export async function secretKeysFor(ctx: ClusterContext, namespace: string, name: string): Promise<SecretKeys> {
  const secret = await kubeJson<KubeObject>(ctx, resourcePath(SECRETS, { namespace, name }));
  const keys = Object.entries(data(secret))
    .map(([key, b64]) => ({ key, bytes: Buffer.from(b64, 'base64').length }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { namespace, name, type: String(secret.type ?? 'Opaque'), keys };
}

export async function revealSecretKey(ctx: ClusterContext, namespace: string, name: string, key: unknown): Promise<RevealedKey> {
  if (typeof key !== 'string') throw badRequest('the request body must name the key to reveal: {"key": "..."}');
  const problem = secretKeyProblem(key);
  if (problem) throw badRequest(`data key ${quoted(key)}: ${problem}`);
  const secret = await kubeJson<KubeObject>(ctx, resourcePath(SECRETS, { namespace, name }));
  const encoded = Object.hasOwn(data(secret), key) ? data(secret)[key] : undefined;
  if (encoded === undefined) throw new KubeStatusError(failureStatus(404, 'NotFound', `Secret ${quoted(name)} in namespace ${quoted(namespace)} has no key ${quoted(key)}`));
  const bytes = Buffer.from(encoded, 'base64');
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return { key, value: text.decode(bytes), encoding: 'utf8' };
  } catch (err) {
    // A fatal decoder throws TypeError on bytes that are not UTF-8.
    if (!(err instanceof TypeError)) throw err;
    return { key, value: bytes.toString('base64'), encoding: 'base64' };
  }
}
