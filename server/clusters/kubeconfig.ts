/**
 * Reading kubeconfig files like kubectl: KUBECONFIG lists files (first definition of a name wins,
 * current-context from the first file that sets one), else ~/.kube/config. A malformed file
 * stops the console with one line naming the file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { contextFrom } from './contextConfig.ts';
import type { ClusterContext } from './types.ts';

export class KubeconfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`kubeconfig ${file}: ${field}: ${problem}`);
  }
}

type Yaml = Record<string, unknown>;
const isMap = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

function entries(file: string, doc: Yaml, key: string): Yaml[] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeconfigError(file, key, 'must be a list');
  return list.map((item, i) => {
    if (!isMap(item)) throw new KubeconfigError(file, `${key}[${i}]`, 'must be a mapping');
    if (typeof item.name !== 'string' || !item.name) throw new KubeconfigError(file, `${key}[${i}].name`, 'is missing');
    return item;
  });
}

/** Checks what client-node would reject or silently misread, with a field path a person can find. */
function validate(file: string, text: string): void {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new KubeconfigError(file, 'yaml', `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) return;
  if (!isMap(doc)) throw new KubeconfigError(file, '(top level)', 'must be a mapping with clusters, users and contexts');
  entries(file, doc, 'clusters').forEach((c, i) => {
    const field = `clusters[${i}] (${c.name}).cluster`;
    if (!isMap(c.cluster)) throw new KubeconfigError(file, field, 'is missing');
    const server = c.cluster.server;
    if (typeof server !== 'string' || !server) throw new KubeconfigError(file, `${field}.server`, 'is missing');
    let url: URL | undefined;
    try {
      url = new URL(server);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new KubeconfigError(file, `${field}.server`, `"${server}" is not an http(s) URL`);
  });
  entries(file, doc, 'users').forEach((u, i) => {
    if (u.user !== undefined && u.user !== null && !isMap(u.user)) throw new KubeconfigError(file, `users[${i}] (${u.name}).user`, 'must be a mapping');
  });
  entries(file, doc, 'contexts').forEach((c, i) => {
    const field = `contexts[${i}] (${c.name}).context`;
    if (!isMap(c.context)) throw new KubeconfigError(file, field, 'is missing');
    if (typeof c.context.cluster !== 'string' || !c.context.cluster) throw new KubeconfigError(file, `${field}.cluster`, 'is missing');
  });
}

function loadFile(file: string): KubeConfig {
  if (!existsSync(file)) throw new KubeconfigError(file, '(file)', 'does not exist');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KubeconfigError(file, '(file)', `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  validate(file, text);
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text, { onInvalidEntry: 'throw' });
  } catch (err) {
    throw new KubeconfigError(file, 'content', (err as Error).message.split('\n')[0]);
  }
  kc.makePathsAbsolute(dirname(file));
  return kc;
}

export interface LoadedKubeconfig {
  contexts: ClusterContext[];
  current: string;
  warnings: string[];
}

export function loadKubeconfig(files: string[]): LoadedKubeconfig {
  const clusters = new Map<string, { cluster: Cluster; file: string }>();
  const users = new Map<string, User>();
  const contexts = new Map<string, { context: Context; file: string; index: number }>();
  let current = '';
  for (const file of files) {
    const kc = loadFile(file);
    for (const c of kc.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, { cluster: c, file });
    for (const u of kc.users ?? []) if (!users.has(u.name)) users.set(u.name, u);
    (kc.contexts ?? []).forEach((c, index) => {
      if (!contexts.has(c.name)) contexts.set(c.name, { context: c, file, index });
    });
    if (!current && kc.currentContext) current = kc.currentContext;
  }
  const last = files[files.length - 1];
  if (contexts.size === 0) throw new KubeconfigError(files.length === 1 ? last : files.join(', '), 'contexts', 'no context is defined');
  const warnings: string[] = [];
  const result: ClusterContext[] = [];
  for (const { context, file, index } of contexts.values()) {
    const cluster = clusters.get(context.cluster);
    if (!cluster) {
      throw new KubeconfigError(file, `contexts[${index}] (${context.name}).context.cluster`, `names cluster "${context.cluster}", which is not defined`);
    }
    result.push(contextFrom(cluster.cluster, users.get(context.user), context, 'kubeconfig'));
  }
  if (!contexts.has(current)) {
    if (current) warnings.push(`current-context "${current}" is not defined; selecting "${result[0].name}"`);
    current = result[0].name;
  }
  for (const c of result) if (c.problem) warnings.push(`context "${c.name}" cannot be used: ${c.problem}`);
  return { contexts: result, current, warnings };
}
