import type { KubeObject } from '../../kube/object.ts';
import { matchPodFailurePolicy } from './jobPodFailurePolicy.ts';
import { JOB_LABELS, completionIndex, isPodFailed, type JobSettings } from './jobStatus.ts';

/**
 * backoffLimitPerIndex (pkg/controller/job/indexed_job_utils.go): each pod of an Indexed Job
 * carries, as annotations, how often its index failed before it (and how often a failure was
 * ignored by the pod failure policy). An index fails for good when a pod fails whose count
 * already reached the limit, or when a FailIndex rule matches.
 */
export function indexFailureCounts(pod: Readonly<KubeObject>): { failed: number; ignored: number } {
  const read = (key: string) => {
    const v = pod.metadata.annotations?.[key];
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
  };
  return { failed: read(JOB_LABELS.indexFailureCount), ignored: read(JOB_LABELS.indexIgnoredFailureCount) };
}

/** isIndexFailed */
export function isIndexFailed(s: JobSettings, pod: Readonly<KubeObject>): boolean {
  if (!isPodFailed(pod, s.onlyReplaceFailedPods)) return false;
  const { countFailed, action } = matchPodFailurePolicy(s.podFailurePolicy, pod);
  if (action === 'FailIndex') return true;
  return countFailed && indexFailureCounts(pod).failed >= (s.backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: the indexes already in status.failedIndexes plus those failed now, within completions. */
export function failedIndexes(previous: ReadonlySet<number>, s: JobSettings, pods: readonly Readonly<KubeObject>[]): Set<number> {
  const out = new Set(previous);
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix !== undefined && ix < (s.completions ?? 0) && isIndexFailed(s, p)) out.add(ix);
  }
  return out;
}

/** The failed pod a new pod of this index replaces: the one with the most failures before it. */
export function podBeingReplaced(s: JobSettings, pods: readonly Readonly<KubeObject>[], index: number): Readonly<KubeObject> | undefined {
  let best: Readonly<KubeObject> | undefined;
  let bestCount = -1;
  for (const p of pods) {
    if (completionIndex(p) !== index || !isPodFailed(p, s.onlyReplaceFailedPods)) continue;
    const c = indexFailureCounts(p);
    if (c.failed + c.ignored > bestCount) {
      best = p;
      bestCount = c.failed + c.ignored;
    }
  }
  return best;
}

/** addIndexFailureCountAnnotation: the counts the replacement carries (0 for an index's first pod). */
export function replacementAnnotations(s: JobSettings, replaced: Readonly<KubeObject> | undefined): Record<string, string> {
  let failed = 0;
  let ignored = 0;
  if (replaced) {
    ({ failed, ignored } = indexFailureCounts(replaced));
    if (matchPodFailurePolicy(s.podFailurePolicy, replaced).countFailed) failed++;
    else ignored++;
  }
  const out: Record<string, string> = { [JOB_LABELS.indexFailureCount]: String(failed) };
  if (ignored > 0) out[JOB_LABELS.indexIgnoredFailureCount] = String(ignored);
  return out;
}

/** How many failures (counted or ignored) the index has had once `replaced` is counted: the exponent of its back-off. */
export function absoluteFailures(replaced: Readonly<KubeObject>): number {
  const c = indexFailureCounts(replaced);
  return c.failed + c.ignored + 1;
}
