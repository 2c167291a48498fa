import { badRequest } from './status.ts';
import type { KubeObject } from './object.ts';

/** One requirement of a label selector, as k8s.io/apimachinery/pkg/labels parses it. */
export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type LabelSelector = LabelRequirement[];

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h` (also `==`, `>`, `<`). Empty → match everything. */
export function parseLabelSelector(text: string | null | undefined): LabelSelector {
  const out: LabelSelector = [];
  const src = (text ?? '').trim();
  let i = 0;
  const fail = (why: string): never => {
    throw badRequest(`unable to parse requirement: ${why}`);
  };
  const skipSpace = () => {
    while (i < src.length && src[i] === ' ') i++;
  };
  const readKey = (): string => {
    skipSpace();
    const start = i;
    while (i < src.length && !' ,=!()<>'.includes(src[i])) i++;
    return src.slice(start, i);
  };
  while (i < src.length) {
    skipSpace();
    if (src[i] === '!') {
      i++;
      const key = readKey();
      if (!key) fail('found \'!\' without a key');
      out.push({ key, op: '!' });
    } else {
      const key = readKey();
      if (!key) fail(`found '${src[i] ?? ''}', expected: identifier`);
      skipSpace();
      const rest = src.slice(i);
      if (rest.startsWith('==') || rest.startsWith('!=') || rest.startsWith('=')) {
        const negate = rest.startsWith('!=');
        i += rest.startsWith('=') && !rest.startsWith('==') ? 1 : 2;
        const value = readKey();
        out.push({ key, op: negate ? 'notin' : 'in', values: [value] });
      } else if (rest.startsWith('>') || rest.startsWith('<')) {
        i++;
        const value = Number(readKey());
        if (!Number.isFinite(value)) fail('for \'Gt\', \'Lt\' operators, the value must be an integer');
        out.push({ key, op: rest[0] === '>' ? 'gt' : 'lt', value });
      } else if (/^(in|notin)\s*\(/.test(rest)) {
        const op = rest.startsWith('in') ? 'in' : 'notin';
        i = src.indexOf('(', i) + 1;
        const close = src.indexOf(')', i);
        if (close < 0) fail('found \'\', expected: \')\'');
        const values = src
          .slice(i, close)
          .split(',')
          .map((v) => v.trim());
        i = close + 1;
        out.push({ key, op, values });
      } else {
        out.push({ key, op: 'exists' });
      }
    }
    skipSpace();
    if (i < src.length) {
      if (src[i] !== ',') fail(`found '${src[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
        return has && Number(l[r.key]) > r.value;
      case 'lt':
        return has && Number(l[r.key]) < r.value;
    }
  });
}

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** Field labels each resource supports (beyond metadata.name / metadata.namespace), as the real registries define them. */
const FIELDS: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  pods: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => String(Boolean(o.spec?.hostNetwork)),
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
  },
  nodes: { 'spec.unschedulable': (o) => String(Boolean(o.spec?.unschedulable)) },
  namespaces: { 'status.phase': (o) => o.status?.phase ?? '' },
  secrets: { type: (o) => o.type as string | undefined },
  services: { 'spec.clusterIP': (o) => o.spec?.clusterIP, 'spec.type': (o) => o.spec?.type },
  'replicasets.apps': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  'jobs.batch': { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
  persistentvolumeclaims: {},
  events: {
    'involvedObject.kind': (o) => involved(o).kind,
    'involvedObject.namespace': (o) => involved(o).namespace,
    'involvedObject.name': (o) => involved(o).name,
    'involvedObject.uid': (o) => involved(o).uid,
    'involvedObject.apiVersion': (o) => involved(o).apiVersion,
    'involvedObject.resourceVersion': (o) => involved(o).resourceVersion,
    'involvedObject.fieldPath': (o) => involved(o).fieldPath,
    reason: (o) => o.reason as string | undefined,
    reportingComponent: (o) => o.reportingComponent as string | undefined,
    source: (o) => (o.source as { component?: string } | undefined)?.component,
    type: (o) => o.type as string | undefined,
  },
};

function involved(o: KubeObject): Record<string, string | undefined> {
  return (o.involvedObject as Record<string, string | undefined> | undefined) ?? {};
}

/** Parse `a=b,c!=d` for the resource (store key); unknown fields are a 400 like the real server's. */
export function parseFieldSelector(text: string | null | undefined, resource: string): FieldRequirement[] {
  const src = (text ?? '').trim();
  if (!src) return [];
  const known = FIELDS[resource] ?? {};
  return src.split(',').map((part) => {
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(part.trim());
    if (!m) throw badRequest(`invalid selector: '${src}'; can't understand '${part}'`);
    const [, field, op, value] = m;
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !(field in known)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, value, negate: op === '!=' };
  });
}

export function matchesFields(reqs: FieldRequirement[], resource: string, o: KubeObject): boolean {
  return reqs.every((r) => {
    let actual: string | undefined;
    if (r.field === 'metadata.name') actual = o.metadata.name;
    else if (r.field === 'metadata.namespace') actual = o.metadata.namespace ?? '';
    else actual = FIELDS[resource]?.[r.field]?.(o);
    return r.negate ? (actual ?? '') !== r.value : (actual ?? '') === r.value;
  });
}

/** Both selectors of a request, as one predicate. */
export interface ObjectFilter {
  empty: boolean;
  matches(o: KubeObject): boolean;
}

export function objectFilter(query: URLSearchParams, resource: string): ObjectFilter {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), resource);
  return {
    empty: labels.length === 0 && fields.length === 0,
    matches: (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, resource, o),
  };
}
