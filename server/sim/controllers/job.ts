import { clone, rfc3339, type KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';
import { jobPod } from './jobPods.ts';
import { absoluteFailures, failedIndexes, podBeingReplaced, replacementAnnotations } from './jobIndexFailures.ts';
import { matchPodFailurePolicy } from './jobPodFailurePolicy.ts';
import {
  JOB_TRACKING_FINALIZER,
  completionIndex,
  ensureCondition,
  failureBackoffMs,
  findCondition,
  finishedCondition,
  formatIndexes,
  hasTrackingFinalizer,
  isPodFailed,
  isTerminatingUnfinished,
  jobSettings,
  newCondition,
  parseIndexes,
  restartsOfLivePods,
  type JobCondition,
  type JobSettings,
} from './jobStatus.ts';
import { controllerOf } from './ownership.ts';
import { deletePod } from './podDeletion.ts';
import { isPodActive, isPodReady } from './podState.ts';
import { hasReason } from '../api/apiErrorReason.ts';

const COMPONENT = 'job-controller';

type Verdict = { cond: JobCondition['type']; final: JobCondition['type']; reason: string; message: string };

/**
 * The Job controller (pkg/controller/job): runs pods until `completions` succeed, counts
 * finished pods through the batch.kubernetes.io/job-tracking finalizer, and ends the Job
 * with SuccessCriteriaMet→Complete or FailureTarget→Failed as Kubernetes 1.32 does.
 * Also the TTL-after-finished controller for `ttlSecondsAfterFinished`.
 */
class JobController extends ControlLoop {
  readonly name = 'job-controller';
  /** Real time each job started or finished, finer than the second-precision timestamps. */
  private readonly startedAt = new Map<string, number>();
  private readonly finishedAt = new Map<string, number>();
  /** Consecutive pod failures and when the last was seen, for the replacement back-off. */
  private readonly failures = new Map<string, { count: number; at: number }>();
  /** backoffLimitPerIndex: when each index last failed (real ms), for its own back-off. */
  private readonly indexFailedAt = new Map<string, Map<number, number>>();

  protected watch(): void {
    this.on('jobs.batch', (e) => this.queue.add(keyOf(e.object)));
    this.on('pods', (e) => this.queueController(e.object, 'Job'));
    this.queueAll('jobs.batch');
  }

  /** Simulated ms since a real instant (timestamps are wall-clock, durations simulated). */
  private simSince(realMs: number): number {
    return (Date.now() - realMs) * this.ctx.clock.speed;
  }

  private removeFinalizer(pod: Readonly<KubeObject>): void {
    this.ctx.store.mutate('pods', pod.metadata.namespace, pod.metadata.name ?? '', (p) => {
      if (!hasTrackingFinalizer(p)) return false;
      p.metadata.finalizers = p.metadata.finalizers!.filter((f) => f !== JOB_TRACKING_FINALIZER);
      if (!p.metadata.finalizers.length) delete p.metadata.finalizers;
    });
  }

  private deletePods(job: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[], keepCounting: boolean): void {
    for (const p of pods) {
      // Scale-down and suspend drop the finalizer first so the pod is not counted as failed.
      if (!keepCounting) this.removeFinalizer(p);
      try {
        deletePod(this.ctx.store, p);
        this.ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
      } catch (err) {
        // Already gone, or replaced by a pod of the same name (the uid precondition).
        if (!hasReason(err, 'NotFound', 'Conflict')) throw err;
      }
    }
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.store.get('jobs.batch', namespace, name);
    const owned = this.ctx.store.listRefs('pods', namespace).filter((p) => {
      const ref = controllerOf(p);
      return ref?.kind === 'Job' && ref.name === name;
    });
    // Pods of a deleted (or replaced) job must not keep their finalizer forever.
    for (const p of owned) if (hasTrackingFinalizer(p) && (!job || controllerOf(p)?.uid !== job.metadata.uid)) this.removeFinalizer(p);
    if (!job) return;
    const uid = job.metadata.uid ?? '';
    const pods = owned.filter((p) => controllerOf(p)?.uid === uid);

    if (finishedCondition(job) || job.metadata.deletionTimestamp) {
      for (const p of pods) if (hasTrackingFinalizer(p)) this.removeFinalizer(p);
      if (finishedCondition(job)) this.expireAfterTtl(key, job);
      return;
    }
    this.syncRunning(key, job, pods, jobSettings(job));
  }

  private syncRunning(key: string, job: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[], s: JobSettings): void {
    const uid = job.metadata.uid ?? '';
    const status = clone(job.status ?? {});
    status.conditions ??= [];
    const conditions = status.conditions as JobCondition[];
    let succeeded: number = status.succeeded ?? 0;
    let failed: number = status.failed ?? 0;
    const succeededIndexes = parseIndexes(status.completedIndexes);

    // Count finished pods still carrying the finalizer (each exactly once).
    const newSucceeded = pods.filter((p) => hasTrackingFinalizer(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => hasTrackingFinalizer(p) && isPodFailed(p, s.onlyReplaceFailedPods));
    for (const p of newSucceeded) {
      const ix = completionIndex(p);
      if (s.indexed) {
        if (ix !== undefined && ix < (s.completions ?? 0)) succeededIndexes.add(ix);
      } else succeeded++;
    }
    if (s.indexed) succeeded = succeededIndexes.size;
    // A failure an Ignore rule of the pod failure policy matches does not count towards backoffLimit.
    failed += newFailed.filter((p) => matchPodFailurePolicy(s.podFailurePolicy, p).countFailed).length;
    if (newSucceeded.length) this.failures.delete(uid);
    if (newFailed.length) this.failures.set(uid, { count: (this.failures.get(uid)?.count ?? 0) + newFailed.length, at: Date.now() });
    let failedIx: Set<number> | undefined;
    if (s.backoffLimitPerIndex !== undefined) {
      const at = this.indexFailedAt.get(uid) ?? new Map<number, number>();
      this.indexFailedAt.set(uid, at);
      for (const p of newFailed) {
        const ix = completionIndex(p);
        if (ix !== undefined) at.set(ix, Date.now());
      }
      failedIx = failedIndexes(parseIndexes(status.failedIndexes), s, pods);
      status.failedIndexes = formatIndexes(failedIx);
    }

    if (!status.startTime && !s.suspend) {
      status.startTime = rfc3339();
      this.startedAt.set(uid, Date.now());
    }
    let active = pods.filter(isPodActive);

    const verdict = this.verdict(key, job, status, s, failed, pods) ?? this.indexVerdict(s, succeeded, failedIx);
    if (verdict?.cond === 'FailureTarget') {
      // Every pod still running is killed and counted as failed.
      this.deletePods(job, active, true);
      failed += active.filter(hasTrackingFinalizer).length;
      for (const p of active) this.removeFinalizer(p);
      active = [];
    } else if (!verdict) {
      const terminating = s.onlyReplaceFailedPods ? pods.filter(isTerminatingUnfinished).length : 0;
      active = this.manageJob(key, job, s, status, conditions, { active, pods, terminating, succeeded, succeededIndexes, failedIndexes: failedIx ?? new Set() });
    }
    for (const p of [...newSucceeded, ...newFailed]) this.removeFinalizer(p);

    let done = verdict;
    if (!done) {
      const complete = s.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= s.completions && active.length === 0;
      if (complete) done = { cond: 'SuccessCriteriaMet', final: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    }

    status.succeeded = succeeded;
    status.failed = failed;
    if (s.indexed) status.completedIndexes = formatIndexes(succeededIndexes);
    status.active = active.length;
    status.ready = active.filter(isPodReady).length;
    // Counted afresh: the pods this sync deleted are terminating too.
    status.terminating = this.ctx.store.listRefs('pods', job.metadata.namespace).filter((p) => controllerOf(p)?.uid === uid && isTerminatingUnfinished(p)).length;
    status.uncountedTerminatedPods = {};
    if (done && !findCondition(job, done.cond)) conditions.push(newCondition(done.cond, 'True', done.reason, done.message));
    this.writeStatus(job, status);
    // delayTerminalCondition (1.31+): while pods are still terminating only the interim condition
    // stands; their going brings the job back here.
    if (!done || status.terminating > 0) return;

    // Interim condition written; with every pod counted and gone, the terminal one follows.
    const final = newCondition(done.final, 'True', done.reason, done.message);
    conditions.push(final);
    if (done.final === 'Complete') status.completionTime = final.lastTransitionTime;
    this.writeStatus(job, status);
    this.finishedAt.set(uid, Date.now());
    this.failures.delete(uid);
    this.indexFailedAt.delete(uid);
    if (done.final === 'Complete') {
      if (s.completions !== undefined && succeeded > s.completions) {
        this.ctx.events.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', COMPONENT);
      }
      this.ctx.events.record(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
    } else {
      this.ctx.events.record(job, 'Warning', done.reason, done.message, COMPONENT);
    }
    this.queue.add(key);
  }

  /** Has the job already failed (backoff limit, deadline) or met its success criteria in an earlier sync? */
  private verdict(key: string, job: Readonly<KubeObject>, status: KubeObject['status'], s: JobSettings, failed: number, pods: readonly Readonly<KubeObject>[]): Verdict | undefined {
    for (const [cond, final] of [['FailureTarget', 'Failed'], ['SuccessCriteriaMet', 'Complete']] as const) {
      const c = findCondition(job, cond);
      if (c?.status === 'True') return { cond, final, reason: c.reason ?? '', message: c.message ?? '' };
    }
    // A failed pod matching a FailJob rule of the pod failure policy ends the job at once.
    for (const p of pods) {
      if (!isPodFailed(p, s.onlyReplaceFailedPods)) continue;
      const { failJobMessage } = matchPodFailurePolicy(s.podFailurePolicy, p);
      if (failJobMessage) return { cond: 'FailureTarget', final: 'Failed', reason: 'PodFailurePolicy', message: failJobMessage };
    }
    const pastBackoffOnFailure = s.restartPolicy === 'OnFailure' && (s.backoffLimit === 0 ? restartsOfLivePods(pods) > 0 : restartsOfLivePods(pods) >= s.backoffLimit);
    if (failed > s.backoffLimit || pastBackoffOnFailure) {
      return { cond: 'FailureTarget', final: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    }
    if (s.activeDeadlineSeconds !== undefined && status.startTime && !s.suspend) {
      const started = this.startedAt.get(job.metadata.uid ?? '') ?? Date.parse(status.startTime);
      const left = s.activeDeadlineSeconds * 1000 - this.simSince(started);
      if (left <= 0) return { cond: 'FailureTarget', final: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      this.queue.addAfter(key, left);
    }
    return undefined;
  }

  /** backoffLimitPerIndex: too many failed indexes, or every index finished with some failed. */
  private indexVerdict(s: JobSettings, succeeded: number, failedIx: ReadonlySet<number> | undefined): Verdict | undefined {
    if (!failedIx) return undefined;
    if (s.maxFailedIndexes !== undefined && failedIx.size > s.maxFailedIndexes) {
      return { cond: 'FailureTarget', final: 'Failed', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
    }
    if (failedIx.size > 0 && failedIx.size + succeeded >= (s.completions ?? 0)) {
      return { cond: 'FailureTarget', final: 'Failed', reason: 'FailedIndexes', message: 'Job has failed indexes' };
    }
    return undefined;
  }

  /** Create or delete pods toward the wanted number of active ones; suspend and resume. Returns the pods now active. */
  private manageJob(
    key: string,
    job: Readonly<KubeObject>,
    s: JobSettings,
    status: KubeObject['status'],
    conditions: JobCondition[],
    now: {
      active: Readonly<KubeObject>[];
      pods: readonly Readonly<KubeObject>[];
      /** Pods being deleted that a podReplacementPolicy of Failed waits for before replacing them. */
      terminating: number;
      succeeded: number;
      succeededIndexes: ReadonlySet<number>;
      failedIndexes: ReadonlySet<number>;
    },
  ): Readonly<KubeObject>[] {
    const { active, succeeded, succeededIndexes } = now;
    if (s.suspend) {
      this.deletePods(job, active, false);
      if (ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended')) {
        this.ctx.events.record(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT);
      }
      return [];
    }
    if (ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed')) {
      this.ctx.events.record(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT);
      status.startTime = rfc3339();
      this.startedAt.set(job.metadata.uid ?? '', Date.now());
    }
    let want = s.completions === undefined ? (succeeded > 0 ? active.length : s.parallelism) : Math.min(s.completions - succeeded, s.parallelism);
    want = Math.max(0, want);
    if (active.length > want) {
      // Pending and not-ready pods go first, newest first.
      const victims = [...active]
        .sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))
        .slice(0, active.length - want);
      this.deletePods(job, victims, false);
      return active.filter((p) => !victims.includes(p));
    }
    if (active.length + now.terminating >= want) return active;
    const backoff = s.backoffLimitPerIndex === undefined ? this.failures.get(job.metadata.uid ?? '') : undefined;
    if (backoff) {
      const wait = failureBackoffMs(backoff.count) - this.simSince(backoff.at);
      if (wait > 0) {
        this.queue.addAfter(key, wait);
        return active;
      }
    }
    const wanted = want - active.length - now.terminating;
    let indexes: (number | undefined)[] = [];
    if (s.indexed) {
      // firstPendingIndexes: with podReplacementPolicy Failed a terminating pod still holds its index.
      const held = new Set([...active, ...(s.onlyReplaceFailedPods ? now.pods.filter(isTerminatingUnfinished) : [])].map(completionIndex));
      for (let i = 0; i < (s.completions ?? 0) && indexes.length < wanted; i++) {
        if (!succeededIndexes.has(i) && !now.failedIndexes.has(i) && !held.has(i)) indexes.push(i);
      }
      if (s.backoffLimitPerIndex !== undefined) indexes = this.indexesPastBackoff(key, job, s, now.pods, indexes as number[]);
    } else {
      for (let i = 0; i < wanted; i++) indexes.push(undefined);
    }
    const created = [...active];
    for (const ix of indexes) {
      const annotations = s.backoffLimitPerIndex !== undefined && ix !== undefined ? replacementAnnotations(s, podBeingReplaced(s, now.pods, ix)) : {};
      try {
        const pod = createAdmitted(this.ctx, 'pods', jobPod(job, ix, annotations));
        created.push(pod);
        this.ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
      } catch (err) {
        this.ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`, COMPONENT);
        break;
      }
    }
    return created;
  }

  /**
   * getPodCreationInfoForIndependentIndexes: with backoffLimitPerIndex each index waits out its
   * own back-off (10s doubling per failure of that index); the job syncs again when the first is over.
   */
  private indexesPastBackoff(key: string, job: Readonly<KubeObject>, s: JobSettings, pods: readonly Readonly<KubeObject>[], indexes: number[]): number[] {
    const failedAt = this.indexFailedAt.get(job.metadata.uid ?? '');
    const ready: number[] = [];
    let soonest = Infinity;
    for (const ix of indexes) {
      const replaced = podBeingReplaced(s, pods, ix);
      const at = failedAt?.get(ix);
      const wait = replaced && at !== undefined ? failureBackoffMs(absoluteFailures(replaced)) - this.simSince(at) : 0;
      if (wait <= 0) ready.push(ix);
      else soonest = Math.min(soonest, wait);
    }
    if (!ready.length && soonest < Infinity) this.queue.addAfter(key, soonest);
    return ready;
  }

  private writeStatus(job: Readonly<KubeObject>, status: KubeObject['status']): void {
    for (const f of ['active', 'succeeded', 'failed'] as const) if (!status[f]) delete status[f];
    if (!status.conditions?.length) delete status.conditions;
    this.ctx.store.mutate('jobs.batch', job.metadata.namespace, job.metadata.name ?? '', (j) => {
      if (j.metadata.uid !== job.metadata.uid) return false;
      j.status = clone(status);
    }, { statusOnly: true });
  }

  /** ttlafterfinished: delete a finished job `ttlSecondsAfterFinished` after it finished. */
  private expireAfterTtl(key: string, job: Readonly<KubeObject>): void {
    const ttl = job.spec?.ttlSecondsAfterFinished as number | undefined;
    if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return;
    const uid = job.metadata.uid ?? '';
    const finishedIso = (job.status?.completionTime as string | undefined) ?? finishedCondition(job)?.lastTransitionTime;
    const finished = this.finishedAt.get(uid) ?? (finishedIso ? Date.parse(finishedIso) : Date.now());
    const left = ttl * 1000 - this.simSince(finished);
    if (left > 0) {
      this.queue.addAfter(key, left);
      return;
    }
    this.finishedAt.delete(uid);
    this.startedAt.delete(uid);
    try {
      this.ctx.store.delete('jobs.batch', job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Foreground', preconditions: { uid } });
    } catch (err) {
      // Deleted meanwhile, or replaced by a job of the same name (the uid precondition).
      if (!hasReason(err, 'NotFound', 'Conflict')) throw err;
    }
  }
}

export function jobController(): Controller {
  return new JobController();
}
