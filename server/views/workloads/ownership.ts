import type { KubeObject, OwnerReference } from '../../kube/object.ts';

/** A metav1.LabelSelector as workload specs carry it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The owner reference with controller=true: the object that manages this one. */
export function controllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}

/** The objects among `objs` whose controller is the object with this uid. */
export function controlledBy<T extends KubeObject>(objs: Iterable<T>, uid: string | undefined): T[] {
  const out: T[] = [];
  if (!uid) return out;
  for (const o of objs) if (controllerOf(o)?.uid === uid) out.push(o);
  return out;
}

/** The selector as `kubectl get -o wide` prints it: `app=web,tier in (a,b),!canary`. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** Images of a pod template's app containers, as the IMAGES column of `kubectl get -o wide` lists them. */
export function templateImages(template: { spec?: { containers?: { image?: string }[] } } | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean);
}
