import type { LabelSelector } from '../tables/labels.ts';
import { stringMap, type FieldErrors } from './fieldErrors.ts';

/** Does a label selector match these labels (matchLabels and matchExpressions)? */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = k(e.key, l);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function k(key: string, labels: Record<string, string>): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

export function isEmptySelector(sel: LabelSelector | undefined): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`, Go's %#v. */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions;
  const exprText = exprs?.length
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${stringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/**
 * The selector checks Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs share:
 * required, non-empty, and matching the pod template's labels.
 */
export function validateSelectorAndTemplate(errs: FieldErrors, spec: Record<string, any>, kindNoun: string): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const sel: LabelSelector | undefined = spec.selector;
  if (!sel) {
    errs.required('spec.selector');
    return;
  }
  if (isEmptySelector(sel)) {
    errs.invalid('spec.selector', sel, `empty selector is invalid for ${kindNoun}`, goLabelSelector(sel));
    return;
  }
  const labels: Record<string, string> | undefined = spec.template?.metadata?.labels;
  if (!selectorMatches(sel, labels)) {
    errs.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', stringMap(labels));
  }
}
