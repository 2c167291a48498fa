import type { KubeObject } from './object.ts';

/** core/v1 NodeSelectorRequirement. */
export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = Number.parseInt(value, 10);
      const want = Number.parseInt(values[0], 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions and fields do; a term with neither matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Readonly<KubeObject>): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, labels[r.key]))) return false;
  // Only metadata.name is a supported field selector for nodes.
  return fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name));
}

/** NodeSelector: terms are ORed. */
export function nodeSelectorMatches(terms: NodeSelectorTerm[] | undefined, node: Readonly<KubeObject>): boolean {
  return (terms ?? []).some((t) => termMatches(t, node));
}

/** A PersistentVolume's spec.nodeAffinity.required (absent = any node). */
export function volumeNodeAffinityMatches(pv: Readonly<KubeObject>, node: Readonly<KubeObject>): boolean {
  const terms = (pv.spec?.nodeAffinity?.required?.nodeSelectorTerms as NodeSelectorTerm[] | undefined) ?? undefined;
  if (!terms) return true;
  return nodeSelectorMatches(terms, node);
}
