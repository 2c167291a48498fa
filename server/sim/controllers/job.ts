import { clone, rfc3339, type KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';
import { jobPod } from './jobPods.ts';
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
    const newFailed = pods.filter((p) => hasTrackingFinalizer(p) && isPodFailed(p));
    for (const p of newSucceeded) {
      const ix = completionIndex(p);
      if (s.indexed) {
        if (ix !== undefined && ix < (s.completions ?? 0)) succeededIndexes.add(ix);
      } else succeeded++;
    }
    if (s.indexed) succeeded = succeededIndexes.size;
    failed += newFailed.length;
    if (newSucceeded.length) this.failures.delete(uid);
    if (newFailed.length) this.failures.set(uid, { count: (this.failures.get(uid)?.count ?? 0) + newFailed.length, at: Date.now() });

    if (!status.startTime && !s.suspend) {
      status.startTime = rfc3339();
      this.startedAt.set(uid, Date.now());
    }
    let active = pods.filter(isPodActive);

    const verdict = this.verdict(key, job, status, s, failed, pods);
    if (verdict?.cond === 'FailureTarget') {
      // Every pod still running is killed and counted as failed.
      this.deletePods(job, active, true);
      failed += active.filter(hasTrackingFinalizer).length;
      for (const p of active) this.removeFinalizer(p);
      active = [];
    } else if (!verdict) {
      active = this.manageJob(key, job, s, status, conditions, active, succeeded, succeededIndexes);
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
    status.terminating = pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !active.includes(p)).length;
    status.uncountedTerminatedPods = {};
    if (done && !findCondition(job, done.cond)) conditions.push(newCondition(done.cond, 'True', done.reason, done.message));
    this.writeStatus(job, status);
    if (!done) return;

    // Interim condition written; with every pod counted, the terminal one follows.
    const final = newCondition(done.final, 'True', done.reason, done.message);
    conditions.push(final);
    if (done.final === 'Complete') status.completionTime = final.lastTransitionTime;
    status.terminating = 0;
    this.writeStatus(job, status);
    this.finishedAt.set(uid, Date.now());
    this.failures.delete(uid);
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

  /** Create or delete pods toward the wanted number of active ones; suspend and resume. Returns the pods now active. */
  private manageJob(
    key: string,
    job: Readonly<KubeObject>,
    s: JobSettings,
    status: KubeObject['status'],
    conditions: JobCondition[],
    active: Readonly<KubeObject>[],
    succeeded: number,
    succeededIndexes: ReadonlySet<number>,
  ): Readonly<KubeObject>[] {
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
    if (active.length === want) return active;
    const backoff = this.failures.get(job.metadata.uid ?? '');
    if (backoff) {
      const wait = failureBackoffMs(backoff.count) - this.simSince(backoff.at);
      if (wait > 0) {
        this.queue.addAfter(key, wait);
        return active;
      }
    }
    const indexes: (number | undefined)[] = [];
    if (s.indexed) {
      const held = new Set(active.map(completionIndex));
      for (let i = 0; i < (s.completions ?? 0) && indexes.length < want - active.length; i++) {
        if (!succeededIndexes.has(i) && !held.has(i)) indexes.push(i);
      }
    } else {
      for (let i = active.length; i < want; i++) indexes.push(undefined);
    }
    const created = [...active];
    for (const ix of indexes) {
      try {
        const pod = createAdmitted(this.ctx, 'pods', jobPod(job, ix));
        created.push(pod);
        this.ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
      } catch (err) {
        this.ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`, COMPONENT);
        break;
      }
    }
    return created;
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
