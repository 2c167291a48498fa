import { readFileSync } from 'node:fs';
import { parseYaml } from './lazyYaml.ts';

/** One allow rule of the demo cluster's small policy file. */
export interface PolicyRule {
  verbs: string[];
  /** `pods`, `deployments.apps`, `pods/log`, `*`. */
  resources: string[];
  /** Absent: every namespace and cluster-scoped resources. */
  namespaces?: string[];
}

export interface PolicyUser {
  token?: string;
  groups?: string[];
  rules: PolicyRule[];
}

/** `{ users: { <user or token-name>: { token?, rules: [...] } } }`, YAML or JSON. */
export interface Policy {
  users: Record<string, PolicyUser>;
}

export function loadPolicy(file: string): Policy {
  const raw = parseYaml(readFileSync(file, 'utf8')) as Partial<Policy> | null;
  if (!raw || typeof raw !== 'object' || typeof raw.users !== 'object' || raw.users === null) {
    throw new Error(`policy file ${file}: expected { users: { <name>: { token?, rules: [...] } } }`);
  }
  for (const [name, u] of Object.entries(raw.users)) {
    if (!Array.isArray(u.rules)) throw new Error(`policy file ${file}: user ${name} has no rules list`);
  }
  return raw as Policy;
}

/** What a request asks to do, in authorization terms. */
export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

function resourceMatches(pattern: string, a: ResourceAttributes): boolean {
  if (pattern === '*') return true;
  const g = a.group ? `.${a.group}` : '';
  if (a.subresource) return pattern === `${a.resource}/${a.subresource}${g}` || pattern === `${a.resource}/*${g}`;
  return pattern === `${a.resource}${g}`;
}

export function ruleAllows(rule: PolicyRule, a: ResourceAttributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(a.verb)) return false;
  if (!rule.resources.some((r) => resourceMatches(r, a))) return false;
  if (rule.namespaces && !(a.namespace && rule.namespaces.includes(a.namespace))) return false;
  return true;
}
