/**
 * What the demo cluster holds, read straight from its store (never through the console), and
 * which differences between two readings are writes a fuzz case had no right to make.
 *
 * The rules, strictest first:
 *  - a Namespace object may not change at all (no new, deleted, terminating or edited namespace);
 *  - in the fuzz world's namespaces (`victim`, `fuzz`, kept quiet on purpose) nothing may change,
 *    not even status, except objects a control case names and what they own;
 *  - elsewhere (the seeded story, whose controllers never rest) objects without an owner may not
 *    appear, disappear, be re-created, get a new spec (generation) or start terminating.
 */
import type { Store } from '../../sim/index.ts';

/** Every kind the actions API can name, plus what a traversal from one of them could land on. */
export const SNAPSHOT_RESOURCES = [
  'namespaces',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'controllerrevisions.apps',
  'pods',
  'jobs.batch',
  'cronjobs.batch',
  'persistentvolumeclaims',
  'poddisruptionbudgets.policy',
  'configmaps',
  'secrets',
  'services',
  'serviceaccounts',
];

const WATCHED: ReadonlySet<string> = new Set(SNAPSHOT_RESOURCES);

export interface ObjectRecord {
  resource: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  terminating: boolean;
  owners: string[];
}

export type Snapshot = Map<string, ObjectRecord>;

export const keyOf = (resource: string, namespace: string, name: string) => `${resource} ${namespace || '-'}/${name}`;

export function snapshot(store: Store): Snapshot {
  const out: Snapshot = new Map();
  for (const resource of SNAPSHOT_RESOURCES) {
    for (const o of store.listRefs(resource)) {
      const m = o.metadata;
      const rec: ObjectRecord = {
        resource,
        namespace: m.namespace ?? '',
        name: m.name ?? '',
        uid: m.uid ?? '',
        resourceVersion: m.resourceVersion ?? '',
        generation: m.generation,
        terminating: !!m.deletionTimestamp,
        owners: (m.ownerReferences ?? []).map((r) => r.uid),
      };
      out.set(keyOf(resource, rec.namespace, rec.name), rec);
    }
  }
  return out;
}

export type ChangeKind = 'created' | 'deleted' | 're-created' | 'terminating' | 'spec changed' | 'changed';

export interface Change {
  kind: ChangeKind;
  record: ObjectRecord;
}

export function changesBetween(before: Snapshot, after: Snapshot): Change[] {
  const out: Change[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b) out.push({ kind: 'created', record: a });
    else if (b.uid !== a.uid) out.push({ kind: 're-created', record: a });
    else if (a.terminating && !b.terminating) out.push({ kind: 'terminating', record: a });
    else if (a.generation !== b.generation) out.push({ kind: 'spec changed', record: a });
    else if (a.resourceVersion !== b.resourceVersion) out.push({ kind: 'changed', record: a });
  }
  for (const [key, b] of before) if (!after.has(key)) out.push({ kind: 'deleted', record: b });
  return out;
}

export interface Protection {
  /** Namespaces kept quiet by the harness: any change in them counts. */
  quiet: ReadonlySet<string>;
  /** `resource namespace/name` keys a control case names; they and what they own may change. */
  named?: ReadonlySet<string>;
  /** Namespaces the harness retired (deleted after a case damaged them): their churn is not a case's doing. */
  ignored?: ReadonlySet<string>;
}

/** Objects named by a control case, and everything whose owner chain leads to one. */
function allowedUids(before: Snapshot, after: Snapshot, named: ReadonlySet<string>): Set<string> {
  const all = [...before.values(), ...after.values()];
  const uids = new Set(all.filter((r) => named.has(keyOf(r.resource, r.namespace, r.name))).map((r) => r.uid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of all) {
      if (!uids.has(r.uid) && r.owners.some((o) => uids.has(o))) {
        uids.add(r.uid);
        grew = true;
      }
    }
  }
  return uids;
}

/** The changes no case had the right to make, as `namespace/name (resource): what happened`. */
export function forbiddenChanges(before: Snapshot, after: Snapshot, protection: Protection): string[] {
  const allowed = protection.named?.size ? allowedUids(before, after, protection.named) : new Set<string>();
  const out: string[] = [];
  for (const c of changesBetween(before, after)) {
    const r = c.record;
    if (allowed.has(r.uid) || protection.ignored?.has(r.namespace || r.name)) continue;
    const inQuiet = r.resource === 'namespaces' ? true : protection.quiet.has(r.namespace);
    const identity = c.kind !== 'changed' && r.owners.length === 0;
    if (inQuiet || identity) out.push(`${r.resource === 'namespaces' ? 'Namespace' : r.resource} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${c.kind}`);
  }
  return out.sort();
}

/**
 * Resolves once no object of the given namespaces has changed for `quietMs` (controllers done
 * reacting), or after `maxMs`; true when it went quiet.
 */
export function settle(store: Store, namespaces: ReadonlySet<string>, quietMs = 250, maxMs = 8000): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout;
    const done = (quiet: boolean) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      unsubscribe();
      resolve(quiet);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(true), quietMs);
    };
    const unsubscribe = store.subscribe((e) => {
      const ns = e.object.metadata.namespace ?? e.object.metadata.name ?? '';
      if (namespaces.has(ns) && WATCHED.has(e.resource)) arm();
    });
    const deadline = setTimeout(() => done(false), maxMs);
    arm();
  });
}
