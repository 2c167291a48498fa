/** rbac.authorization.k8s.io/v1 defaulting and validation, as pkg/apis/rbac/{v1,validation} word them. */
import type { KubeObject } from '../../../kube/object.ts';
import { ApiError } from '../../../kube/status.ts';
import type { FieldErrors } from '../admission/fieldErrors.ts';
import { dns1123Subdomain, pathSegmentName } from '../admission/names.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

interface RuleShape {
  verbs?: unknown;
  apiGroups?: unknown;
  resources?: unknown;
  resourceNames?: unknown;
  nonResourceURLs?: unknown;
}

interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

interface SubjectShape {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);

/**
 * Go's JSON decoder refuses a wrong type before validation sees it (400, as the API server's
 * transformDecodeError words it): lists of strings and string fields of rules, roleRef and subjects.
 */
function checkDecodable(obj: KubeObject, kind: string): void {
  const refuse = (v: unknown, struct: string, field: string, goType: string) =>
    new ApiError(400, 'BadRequest', `${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${jsonType(v)} into Go struct field ${struct}.${field} of type ${goType}`);
  const strings = (v: unknown, struct: string, field: string) => {
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) throw refuse(v, struct, field, '[]string');
    const bad = v.find((x) => typeof x !== 'string');
    if (bad !== undefined) throw refuse(bad, struct, field, 'string');
  };
  const string = (v: unknown, struct: string, field: string) => {
    if (v !== undefined && v !== null && typeof v !== 'string') throw refuse(v, struct, field, 'string');
  };
  if (Array.isArray(obj.rules)) {
    for (const r of obj.rules as unknown[]) {
      if (r === null || typeof r !== 'object' || Array.isArray(r)) throw refuse(r, kind, 'rules', 'v1.PolicyRule');
      for (const f of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) strings((r as Record<string, unknown>)[f], 'PolicyRule', `rules.${f}`);
    }
  }
  const ref = obj.roleRef;
  if (ref !== undefined && ref !== null) {
    if (typeof ref !== 'object' || Array.isArray(ref)) throw refuse(ref, kind, 'roleRef', 'v1.RoleRef');
    for (const f of ['apiGroup', 'kind', 'name']) string((ref as Record<string, unknown>)[f], 'RoleRef', `roleRef.${f}`);
  }
  if (Array.isArray(obj.subjects)) {
    for (const sub of obj.subjects as unknown[]) {
      if (sub === null || typeof sub !== 'object' || Array.isArray(sub)) throw refuse(sub, kind, 'subjects', 'v1.Subject');
      for (const f of ['kind', 'apiGroup', 'name', 'namespace']) string((sub as Record<string, unknown>)[f], 'Subject', `subjects.${f}`);
    }
  }
}

/** ValidatePolicyRule: verbs always; either non-resource URLs (cluster roles only) or groups and resources. */
function validateRule(errs: FieldErrors, rule: RuleShape, namespaced: boolean, path: string): void {
  if (len(rule.verbs) === 0) errs.required(`${path}.verbs`, 'verbs must contain at least one value');
  if (len(rule.nonResourceURLs) > 0) {
    if (namespaced) errs.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
    if (len(rule.apiGroups) > 0 || len(rule.resources) > 0 || len(rule.resourceNames) > 0) {
      errs.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
    }
    return;
  }
  if (len(rule.apiGroups) === 0) errs.required(`${path}.apiGroups`, 'resource rules must supply at least one api group');
  if (len(rule.resources) === 0) errs.required(`${path}.resources`, 'resource rules must supply at least one resource');
}

function validateRules(errs: FieldErrors, obj: KubeObject, namespaced: boolean): void {
  const rules = obj.rules;
  if (rules === undefined || rules === null) return;
  if (!Array.isArray(rules)) {
    errs.invalid('rules', rules, 'must be a list of policy rules');
    return;
  }
  rules.forEach((r, i) => validateRule(errs, (r ?? {}) as RuleShape, namespaced, `rules[${i}]`));
}

export function admitRole(errs: FieldErrors, obj: KubeObject): void {
  checkDecodable(obj, 'Role');
  validateRules(errs, obj, true);
}

export function admitClusterRole(errs: FieldErrors, obj: KubeObject): void {
  checkDecodable(obj, 'ClusterRole');
  validateRules(errs, obj, false);
  const agg = obj.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined | null;
  if (agg && len(agg.clusterRoleSelectors) === 0) {
    errs.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil');
  }
}

/** SetDefaults_Subject / SetDefaults_RoleBinding: User and Group subjects and the roleRef get the RBAC group. */
function defaultBinding(obj: KubeObject): void {
  const ref = obj.roleRef as RoleRef | undefined;
  if (ref && typeof ref === 'object' && !ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  if (!Array.isArray(obj.subjects)) return;
  for (const s of obj.subjects as SubjectShape[]) {
    if (s && typeof s === 'object' && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}

function validateSubject(errs: FieldErrors, s: SubjectShape, namespaced: boolean, path: string): void {
  if (!s.name) errs.required(`${path}.name`);
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const msg of dns1123Subdomain(s.name)) errs.invalid(`${path}.name`, s.name, msg);
      if (s.apiGroup) errs.notSupported(`${path}.apiGroup`, s.apiGroup, ['']);
      if (!namespaced && !s.namespace) errs.required(`${path}.namespace`);
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]);
      break;
    default:
      errs.notSupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']);
  }
}

/** Go's %#v of an rbac.RoleRef, as the immutability error prints it. */
function goRoleRef(r: RoleRef | undefined): string {
  return `rbac.RoleRef{APIGroup:${JSON.stringify(r?.apiGroup ?? '')}, Kind:${JSON.stringify(r?.kind ?? '')}, Name:${JSON.stringify(r?.name ?? '')}}`;
}

function admitBinding(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined, namespaced: boolean): void {
  defaultBinding(obj);
  const ref = (obj.roleRef ?? {}) as RoleRef;
  if (ref.apiGroup !== RBAC_GROUP) errs.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) errs.notSupported('roleRef.kind', ref.kind ?? '', kinds);
  if (!ref.name) errs.required('roleRef.name');
  else for (const msg of pathSegmentName(ref.name)) errs.invalid('roleRef.name', ref.name, msg);
  const subjects = obj.subjects;
  if (subjects !== undefined && subjects !== null && !Array.isArray(subjects)) errs.invalid('subjects', subjects, 'must be a list of subjects');
  else (subjects ?? []).forEach((s: unknown, i: number) => validateSubject(errs, (s ?? {}) as SubjectShape, namespaced, `subjects[${i}]`));
  if (old) {
    const before = (old.roleRef ?? {}) as RoleRef;
    if (before.apiGroup !== ref.apiGroup || before.kind !== ref.kind || before.name !== ref.name) {
      errs.invalid('roleRef', ref, 'cannot change roleRef', goRoleRef(ref));
    }
  }
}

export function admitRoleBinding(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  checkDecodable(obj, 'RoleBinding');
  admitBinding(errs, obj, old, true);
}

export function admitClusterRoleBinding(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  checkDecodable(obj, 'ClusterRoleBinding');
  admitBinding(errs, obj, old, false);
}
