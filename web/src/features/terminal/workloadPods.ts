/**
 * "Open a terminal from a workload": the workload's API path from `kind/name` and its pod label
 * selector as the `labelSelector` query string.
 */
import type { V1LabelSelector } from '@kubernetes/client-node';

const WORKLOAD_PATHS: Record<string, string> = {
  deployment: 'apis/apps/v1/namespaces/{ns}/deployments/{name}',
  statefulset: 'apis/apps/v1/namespaces/{ns}/statefulsets/{name}',
  daemonset: 'apis/apps/v1/namespaces/{ns}/daemonsets/{name}',
  replicaset: 'apis/apps/v1/namespaces/{ns}/replicasets/{name}',
  job: 'apis/batch/v1/namespaces/{ns}/jobs/{name}',
};

/** `Deployment/frontend` (any case, plural or `deployments.apps` too) → the API path; undefined for unknown kinds. */
export function workloadPath(namespace: string, workload: string): string | undefined {
  const slash = workload.indexOf('/');
  if (slash < 1) return undefined;
  const kind = workload.slice(0, slash).toLowerCase().split('.')[0].replace(/s$/, '');
  const template = WORKLOAD_PATHS[kind];
  const name = workload.slice(slash + 1);
  if (!template || !name) return undefined;
  return template.replace('{ns}', encodeURIComponent(namespace)).replace('{name}', encodeURIComponent(name));
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
