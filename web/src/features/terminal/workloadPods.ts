/**
 * "Open a terminal from a workload": the workload's API path from `kind/name` and its pod label
 * selector as the `labelSelector` query string.
 */
import type { V1LabelSelector } from '@kubernetes/client-node';
import { InvalidPathSegment, resourcePath } from '../../../../server/kube/apiPath.ts';
import { KINDS, resourceKey, type KindEntry } from '../../../../server/kube/kinds.ts';

/** The catalogue's kinds that run pods through a selector, by every name kubectl accepts for them. */
const WORKLOAD_NAMES = new Map<string, KindEntry>();
for (const k of KINDS.filter((k) => k.runsPods && k.plural !== 'pods')) {
  for (const name of [k.kind.toLowerCase(), k.plural, resourceKey(k), ...k.shortNames]) WORKLOAD_NAMES.set(name, k);
}

/**
 * `Deployment/frontend` (any case; plural, short name or `deployments.apps` too) → the API path,
 * without its leading slash; undefined for kinds that do not run pods and names that are no path segment.
 */
export function workloadPath(namespace: string, workload: string): string | undefined {
  const slash = workload.indexOf('/');
  if (slash < 1) return undefined;
  const kind = WORKLOAD_NAMES.get(workload.slice(0, slash).toLowerCase());
  const name = workload.slice(slash + 1);
  if (!kind || !name) return undefined;
  try {
    return resourcePath(kind, { namespace, name }).slice(1);
  } catch (err) {
    if (err instanceof InvalidPathSegment) return undefined;
    throw err;
  }
}

/** The label selector in the query syntax the API server parses (`a=b,c in (d,e),!f`). */
export function selectorString(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
