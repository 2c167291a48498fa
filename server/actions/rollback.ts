import type { KubeObject } from '../kube/object.ts';
import { controlledBy } from '../views/workloads/ownership.ts';
import { controllerRevisionTemplate } from '../views/workloads/revisionHistory.ts';
import { revisionOf } from '../views/workloads/rolloutStatus.ts';
import { badRequest } from '../clusters/kubeStatus.ts';
import { integerProblem } from '../kube/integers.ts';
import { CHANGE_CAUSE } from './workloadEdits.ts';

export interface RollbackTarget {
  revision: number;
  template: Record<string, unknown>;
  changeCause?: string;
}

/** A revision is an int64 of 0 or more (`kubectl rollout undo --to-revision`); 0 is "the previous one". */
function checkRevision(revision: unknown): number {
  const problem = integerProblem('revision', revision, { type: 'int64', min: 0 });
  if (problem) throw badRequest(`${problem} (0 for the previous revision)`);
  return revision as number;
}

/** The revision in a URL path: decimal digits only (no `1e3`, `0x10`, `-1` or blanks). */
export function revisionParam(raw: string): number {
  if (!/^\d{1,16}$/.test(raw)) throw badRequest(`revision: Invalid value: ${JSON.stringify(raw.slice(0, 40))}: must be a whole number of 0 or more`);
  return checkRevision(Number(raw));
}

/** Revision 0 means "the one before the current", as with `kubectl rollout undo`. */
function pick<T>(entries: { revision: number; item: T }[], current: number, wanted: number): { revision: number; item: T } {
  if (wanted === 0) {
    const previous = entries.filter((e) => e.revision < current).sort((a, b) => b.revision - a.revision)[0];
    if (!previous) throw badRequest('no rollout history found: there is no earlier revision to roll back to');
    return previous;
  }
  const found = entries.find((e) => e.revision === wanted);
  if (!found) throw badRequest(`unable to find specified revision ${wanted} in history`);
  return found;
}

/**
 * The template a rollback applies: for a Deployment its ReplicaSet's template without the
 * pod-template-hash label (kubectl rollout undo); for a StatefulSet or DaemonSet the
 * template its ControllerRevision stores.
 */
export function rollbackTarget(obj: Readonly<KubeObject>, history: Iterable<Readonly<KubeObject>>, requested: unknown): RollbackTarget {
  const revision = checkRevision(requested);
  const owned = controlledBy([...history], obj.metadata.uid);
  if (obj.kind === 'Deployment') {
    if (obj.spec?.paused) throw badRequest(`you cannot rollback a paused deployment; resume it first with "rollout resume"`);
    const entries = owned.map((rs) => ({ revision: revisionOf(rs), item: rs }));
    const { revision: n, item: rs } = pick(entries, revisionOf(obj), revision);
    const template = structuredClone(rs.spec?.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
    delete template.metadata?.labels?.['pod-template-hash'];
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    return { revision: n, template, ...(cause ? { changeCause: cause } : {}) };
  }
  const entries = owned.map((cr) => ({ revision: (cr.revision as number | undefined) ?? 0, item: cr }));
  const newest = entries.reduce((m, e) => Math.max(m, e.revision), 0);
  const { revision: n, item: cr } = pick(entries, newest, revision);
  const template = controllerRevisionTemplate(cr);
  if (!template) throw badRequest(`revision ${n} holds no pod template`);
  return { revision: n, template: template as Record<string, unknown> };
}

/** Put the target's template on the object; a Deployment also gets that revision's change-cause back. */
export function applyRollback(obj: KubeObject, target: RollbackTarget): void {
  obj.spec.template = structuredClone(target.template);
  if (obj.kind !== 'Deployment') return;
  const annotations = { ...obj.metadata.annotations };
  if (target.changeCause) annotations[CHANGE_CAUSE] = target.changeCause;
  else delete annotations[CHANGE_CAUSE];
  obj.metadata.annotations = annotations;
}
