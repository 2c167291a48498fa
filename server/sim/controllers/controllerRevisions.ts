import type { KubeObject } from '../../kube/object.ts';
import { clone } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { isControlledBy, ownerRef, type KindInfo } from './ownership.ts';
import { canonicalJson, fnv32a, safeEncodeString } from './podTemplate.ts';

export const CR = 'controllerrevisions.apps';
export const REVISION_HASH = 'controller-revision-hash';

/** The revision data StatefulSets and DaemonSets store: a patch that replaces the pod template. */
export function templatePatch(template: unknown): Record<string, unknown> {
  return { spec: { template: { ...(clone(template) as object), $patch: 'replace' } } };
}

/** The pod template a revision holds. */
export function templateOf(revision: Readonly<KubeObject>): { metadata?: { labels?: Record<string, string> }; spec?: unknown } {
  const t = clone((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** history.HashControllerRevision: FNV-32a of the data (and collision count), safe-encoded. */
export function revisionHash(data: unknown, collisionCount?: number): string {
  let h = fnv32a(canonicalJson(data));
  if (collisionCount) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

const revisionNumber = (r: Readonly<KubeObject>) => (r.revision as number | undefined) ?? 0;

export function ownedRevisions(ctx: SimContext, owner: Readonly<KubeObject>): KubeObject[] {
  return ctx.store
    .listRefs(CR, owner.metadata.namespace)
    .filter((r) => isControlledBy(r, owner.metadata.uid))
    .map((r) => clone(r))
    .sort((a, b) => revisionNumber(a) - revisionNumber(b));
}

/**
 * The owner's revision for its current template: an existing one with the same data
 * (raised to the newest revision number when it is an older one, as a rollback does) or
 * a new ControllerRevision `<owner>-<hash>` with the next number.
 */
export function syncUpdateRevision(ctx: SimContext, owner: Readonly<KubeObject>, kind: KindInfo, revisions: KubeObject[]): KubeObject {
  const data = templatePatch(owner.spec?.template);
  const collisionCount: number = owner.status?.collisionCount ?? 0;
  const hash = revisionHash(data, collisionCount);
  const max = revisions.reduce((m, r) => Math.max(m, revisionNumber(r)), 0);
  const same = revisions.filter((r) => canonicalJson(r.data) === canonicalJson(data));
  if (same.length) {
    const existing = same[same.length - 1];
    if (revisionNumber(existing) === max) return existing;
    return ctx.store.mutate(CR, existing.metadata.namespace, existing.metadata.name!, (r) => {
      r.revision = max + 1;
    })!;
  }
  const name = `${owner.metadata.name}-${hash}`;
  const existing = ctx.store.get(CR, owner.metadata.namespace, name);
  if (existing && isControlledBy(existing, owner.metadata.uid)) return existing;
  return createAdmitted(ctx, CR, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH]: hash },
      ownerReferences: [ownerRef(owner, kind)],
    },
    data,
    revision: max + 1,
  });
}

/** truncateHistory: drop the oldest revisions beyond revisionHistoryLimit that no pod runs. */
export function truncateHistory(ctx: SimContext, owner: Readonly<KubeObject>, revisions: readonly KubeObject[], live: Set<string>): void {
  const limit: number = owner.spec?.revisionHistoryLimit ?? 10;
  const history = revisions.filter((r) => !live.has(r.metadata.name!));
  for (const r of history.slice(0, Math.max(0, history.length - limit))) {
    ctx.store.delete(CR, r.metadata.namespace, r.metadata.name!, { preconditions: { uid: r.metadata.uid } });
  }
}
