import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import type { StoreEvent } from '../api/store.ts';
import type { Controller, SimContext } from '../context.ts';
import { deleteObject } from './podDeletion.ts';
import { WorkQueue } from './workqueue.ts';

interface Ref {
  resource: string;
  namespace: string | undefined;
  name: string;
}

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
const SKIPPED = new Set(['events', 'events.events.k8s.io']);

/**
 * The garbage collector: dependents whose owners (by uid) are gone are deleted; an owner
 * marked `foregroundDeletion` goes after its blocking dependents; an owner marked `orphan`
 * first frees its dependents of their ownerReferences.
 */
class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private ctx!: SimContext;
  private queue!: WorkQueue;
  private unsubscribe?: () => void;
  /** Every stored object by uid, to resolve owners. */
  private readonly byUid = new Map<string, Ref>();
  /** Owner uid → dependents' uids. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Dependent uid → owner uids it refers to. */
  private readonly owners = new Map<string, string[]>();

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.queue = new WorkQueue(ctx.clock, (key) => this.process(key));
    for (const type of ctx.store.registry.types) {
      if (type.virtual) continue;
      const resource = ctx.store.resourceOf(type);
      if (SKIPPED.has(resource)) continue;
      for (const o of ctx.store.listRefs(resource)) this.observe({ type: 'ADDED', rv: 0, resource, object: o });
    }
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (!SKIPPED.has(e.resource)) this.observe(e);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue?.stop();
  }

  private observe(e: StoreEvent): void {
    const o = e.object;
    const uid = o.metadata.uid;
    if (!uid) return;
    const previous = this.owners.get(uid) ?? [];
    const current = e.type === 'DELETED' ? [] : (o.metadata.ownerReferences ?? []).map((r) => r.uid);
    for (const ownerUid of previous) if (!current.includes(ownerUid)) this.dependents.get(ownerUid)?.delete(uid);
    for (const ownerUid of current) {
      let set = this.dependents.get(ownerUid);
      if (!set) this.dependents.set(ownerUid, (set = new Set()));
      set.add(uid);
    }
    if (current.length) this.owners.set(uid, current);
    else this.owners.delete(uid);

    if (e.type === 'DELETED') {
      this.byUid.delete(uid);
      if (this.dependents.get(uid)?.size) this.queue.add(`owner:${uid}`);
      // An owner waiting in foreground deletion may now be free to go.
      for (const ownerUid of previous) this.queue.add(`owner:${ownerUid}`);
      return;
    }
    this.byUid.set(uid, { resource: e.resource, namespace: o.metadata.namespace, name: o.metadata.name! });
    const f = o.metadata.finalizers ?? [];
    if (o.metadata.deletionTimestamp && (f.includes(FOREGROUND) || f.includes(ORPHAN))) this.queue.add(`owner:${uid}`);
    if (current.length && (e.type === 'ADDED' || previous.join() !== current.join())) this.queue.add(`dependent:${uid}`);
  }

  private lookup(uid: string): KubeObject | undefined {
    const ref = this.byUid.get(uid);
    if (!ref) return undefined;
    const o = this.ctx.store.get(ref.resource, ref.namespace, ref.name);
    return o?.metadata.uid === uid ? o : undefined;
  }

  private process(key: string): void {
    const [kind, uid] = key.split(':');
    if (kind === 'dependent') this.attemptToDelete(uid);
    else this.processOwner(uid);
  }

  /** A dependent whose owners are all gone is deleted; dangling references beside live owners are removed. */
  private attemptToDelete(uid: string): void {
    const dep = this.lookup(uid);
    if (!dep || dep.metadata.deletionTimestamp) return;
    const refs = dep.metadata.ownerReferences ?? [];
    const dangling = refs.filter((r) => !this.lookup(r.uid));
    if (!dangling.length) return;
    const ref = this.byUid.get(uid)!;
    if (dangling.length === refs.length) {
      this.delete(ref.resource, dep, 'Background');
      return;
    }
    const gone = new Set(dangling.map((r) => r.uid));
    this.ctx.store.mutate(ref.resource, ref.namespace, ref.name, (o) => {
      o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => !gone.has(r.uid));
    });
  }

  private processOwner(uid: string): void {
    const depUids = [...(this.dependents.get(uid) ?? [])];
    const owner = this.lookup(uid);
    if (!owner) {
      for (const d of depUids) this.attemptToDelete(d);
      return;
    }
    if (!owner.metadata.deletionTimestamp) return;
    const ownerRef = this.byUid.get(uid)!;
    const finalizers = owner.metadata.finalizers ?? [];
    const deps = depUids.map((d) => [this.byUid.get(d), this.lookup(d)] as const).filter((x): x is [Ref, KubeObject] => !!x[0] && !!x[1]);
    if (finalizers.includes(ORPHAN)) {
      for (const [ref] of deps) {
        this.ctx.store.mutate(ref.resource, ref.namespace, ref.name, (o) => {
          o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== uid);
          if (!o.metadata.ownerReferences?.length) delete o.metadata.ownerReferences;
        });
      }
      this.removeFinalizer(ownerRef, ORPHAN);
      return;
    }
    if (!finalizers.includes(FOREGROUND)) return;
    for (const [ref, dep] of deps) {
      if (dep.metadata.deletionTimestamp) continue;
      // Dependents that own things themselves go in the foreground too, so the chain unwinds bottom-up.
      this.delete(ref.resource, dep, this.dependents.get(dep.metadata.uid!)?.size ? 'Foreground' : 'Background');
    }
    const blocking = deps.some(([, dep]) => dep.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (!blocking) this.removeFinalizer(ownerRef, FOREGROUND);
  }

  private delete(resource: string, obj: KubeObject, policy: 'Background' | 'Foreground'): void {
    try {
      deleteObject(this.ctx.store, resource, obj, { propagationPolicy: policy });
    } catch (err) {
      if (!(err instanceof ApiError) || (err.code !== 404 && err.code !== 409)) throw err;
    }
  }

  private removeFinalizer(ref: Ref, finalizer: string): void {
    this.ctx.store.mutate(ref.resource, ref.namespace, ref.name, (o) => {
      const f = (o.metadata.finalizers ?? []).filter((x) => x !== finalizer);
      if (f.length === (o.metadata.finalizers ?? []).length) return false;
      if (f.length) o.metadata.finalizers = f;
      else delete o.metadata.finalizers;
    });
  }
}

export function garbageCollector(): Controller {
  return new GarbageCollector();
}
