import { clone, rfc3339, type KubeObject, type ObjectMeta } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';
import { catchUpStart, formatInZone, isValidTimeZone, parseCronSchedule, scheduleCatchUp, type CronSchedule } from '../../kube/cronSchedule.ts';
import { finishedCondition } from './jobStatus.ts';
import { controllerOf, ownerRef } from './ownership.ts';

const COMPONENT = 'cronjob-controller';
/** The controller re-examines every CronJob this often (simulated), besides waking up at the next schedule. */
const TICK_MS = 10_000;
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface JobRef {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
}

/**
 * mostRecentScheduleTime of the v2 controller: the latest activation in (earliest, now],
 * where earliest is lastScheduleTime (or creation), moved up to now - startingDeadlineSeconds.
 * The rule lives in kube/cronSchedule.ts, shared with the console's warnings.
 */
export function mostRecentScheduleTime(cj: Readonly<KubeObject>, now: Date, sched: CronSchedule): { time?: Date; tooMany: boolean } {
  const earliest = catchUpStart(cj.status?.lastScheduleTime, cj.metadata.creationTimestamp, cj.spec?.startingDeadlineSeconds as number | undefined, now);
  const { mostRecent, tooMany } = scheduleCatchUp(sched, earliest, now);
  return { time: mostRecent, tooMany };
}

function isJobSucceeded(job: Readonly<KubeObject>): boolean {
  return finishedCondition(job)?.type === 'Complete';
}

function byStartTime(a: Readonly<KubeObject>, b: Readonly<KubeObject>): number {
  const sa = a.status?.startTime as string | undefined;
  const sb = b.status?.startTime as string | undefined;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb) return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  return (sa ?? '') < (sb ?? '') ? -1 : 1;
}

/** The CronJob controller (v2): creates Jobs at their scheduled times and keeps the history trimmed. */
class CronJobController extends ControlLoop {
  readonly name = 'cronjob-controller';
  private stopTick: (() => void) | undefined;

  constructor(private readonly now: () => Date) {
    super();
  }

  protected watch(): void {
    this.on('cronjobs.batch', (e) => this.queue.add(keyOf(e.object)));
    this.on('jobs.batch', (e) => this.queueController(e.object, 'CronJob'));
    this.queueAll('cronjobs.batch');
    this.stopTick = this.ctx.clock.every(TICK_MS, () => this.queueAll('cronjobs.batch'));
  }

  override stop(): void {
    this.stopTick?.();
    this.stopTick = undefined;
    super.stop();
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cj = this.ctx.store.get('cronjobs.batch', namespace, name);
    if (!cj) return;
    const jobs = this.ctx.store.listRefs('jobs.batch', namespace).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const before = JSON.stringify(cj.status ?? {});
    cj.status ??= {};
    this.syncCronJob(key, cj, jobs);
    this.cleanupFinishedJobs(cj, jobs);
    if (JSON.stringify(cj.status) !== before) {
      const status = cj.status;
      this.ctx.store.mutate('cronjobs.batch', namespace, name, (c) => {
        c.status = status;
      }, { statusOnly: true });
    }
  }

  private event(cj: Readonly<KubeObject>, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(cj, type, reason, message, COMPONENT);
  }

  private syncCronJob(key: string, cj: KubeObject, jobs: readonly Readonly<KubeObject>[]): void {
    const now = this.now();
    const active = (): JobRef[] => (cj.status.active as JobRef[] | undefined) ?? [];
    const setActive = (refs: JobRef[]) => {
      if (refs.length) cj.status.active = refs;
      else delete cj.status.active;
    };
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata.uid ?? '');
      const found = active().some((r) => r.uid === j.metadata.uid);
      const fin = finishedCondition(j);
      if (!found && !fin) {
        this.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && fin) {
        setActive(active().filter((r) => r.uid !== j.metadata.uid));
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${fin.type}`);
      }
      if (isJobSucceeded(j) && j.status?.completionTime) {
        const last = cj.status.lastSuccessfulTime as string | undefined;
        if (!last || Date.parse(j.status.completionTime) > Date.parse(last)) cj.status.lastSuccessfulTime = j.status.completionTime;
      }
    }
    for (const ref of active()) {
      if (children.has(ref.uid) || this.ctx.store.get('jobs.batch', ref.namespace, ref.name)) continue;
      this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      setActive(active().filter((r) => r.uid !== ref.uid));
    }
    if (cj.metadata.deletionTimestamp) return;

    const tz = cj.spec?.timeZone as string | undefined;
    if (tz && !isValidTimeZone(tz)) {
      this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return;
    }
    if (cj.spec?.suspend) return;
    let sched: CronSchedule;
    try {
      sched = parseCronSchedule(cj.spec?.schedule ?? '', tz);
    } catch (err) {
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${(err as Error).message}`);
      return;
    }
    const { time: scheduled, tooMany } = mostRecentScheduleTime(cj, now, sched);
    this.requeueAtNext(key, sched, now);
    if (!scheduled) return;
    if (tooMany) this.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');

    const deadline = cj.spec?.startingDeadlineSeconds as number | undefined;
    if (deadline !== undefined && deadline !== null && scheduled.getTime() + deadline * 1000 < now.getTime()) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return;
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled.getTime() / 60_000)}`;
    const last = cj.status.lastScheduleTime as string | undefined;
    if (active().some((r) => r.name === jobName) || (last && Date.parse(last) === scheduled.getTime())) return;

    const policy = (cj.spec?.concurrencyPolicy as string | undefined) ?? 'Allow';
    if (policy === 'Forbid' && active().length > 0) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return;
    }
    if (policy === 'Replace') {
      for (const ref of active()) {
        const j = this.ctx.store.get('jobs.batch', ref.namespace, ref.name);
        if (j) this.deleteJob(cj, j);
        setActive(active().filter((r) => r.uid !== ref.uid));
      }
    }

    let job: KubeObject;
    try {
      job = createAdmitted(this.ctx, 'jobs.batch', this.jobFromTemplate(cj, jobName, scheduled, tz));
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    } catch (err) {
      const existing = this.ctx.store.get('jobs.batch', cj.metadata.namespace, jobName);
      if (!existing) {
        this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
        return;
      }
      if (controllerOf(existing)?.uid !== cj.metadata.uid || active().some((r) => r.uid === existing.metadata.uid)) return;
      job = existing;
    }
    setActive([...active(), { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }]);
    cj.status.lastScheduleTime = rfc3339(scheduled);
  }

  /** Wake up just after the next activation (wall-clock time; the queue counts simulated time). */
  private requeueAtNext(key: string, sched: CronSchedule, now: Date): void {
    const next = sched.next(now).getTime() - now.getTime() + 100;
    if (next > 0 && next < TICK_MS / this.ctx.clock.speed) this.queue.addAfter(key, next * this.ctx.clock.speed);
  }

  private jobFromTemplate(cj: Readonly<KubeObject>, name: string, scheduled: Date, tz: string | undefined): KubeObject {
    const template = clone((cj.spec?.jobTemplate ?? {}) as { metadata?: ObjectMeta; spec?: unknown });
    const annotations = { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP]: formatInZone(scheduled, tz || 'UTC') };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: { ...template.metadata?.labels },
        annotations,
        ownerReferences: [ownerRef(cj, { apiVersion: 'batch/v1', kind: 'CronJob' })],
      },
      spec: template.spec ?? {},
    };
  }

  private deleteJob(cj: Readonly<KubeObject>, job: Readonly<KubeObject>): boolean {
    try {
      this.ctx.store.delete('jobs.batch', job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
    } catch (err) {
      this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
      return false;
    }
    this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  /** Keep successfulJobsHistoryLimit (default 3) finished-OK and failedJobsHistoryLimit (default 1) failed jobs. */
  private cleanupFinishedJobs(cj: KubeObject, jobs: readonly Readonly<KubeObject>[]): void {
    const limits = { Complete: (cj.spec?.successfulJobsHistoryLimit as number | undefined) ?? 3, Failed: (cj.spec?.failedJobsHistoryLimit as number | undefined) ?? 1 };
    for (const type of ['Complete', 'Failed'] as const) {
      const done = jobs.filter((j) => finishedCondition(j)?.type === type && !j.metadata.deletionTimestamp).sort(byStartTime);
      for (const j of done.slice(0, Math.max(0, done.length - limits[type]))) {
        if (this.deleteJob(cj, j)) {
          const refs = (cj.status.active as JobRef[] | undefined)?.filter((r) => r.uid !== j.metadata.uid);
          if (refs?.length) cj.status.active = refs;
          else delete cj.status.active;
        }
      }
    }
  }
}

/** time.RFC1123Z in UTC, as the MissSchedule event prints the missed time. */
function rfc1123z(t: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[t.getUTCDay()]}, ${p(t.getUTCDate())} ${months[t.getUTCMonth()]} ${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} +0000`;
}

/** `now` is injectable so tests can move the schedule clock; it defaults to the wall clock. */
export function cronJobController(now?: () => Date): Controller {
  return new CronJobController(now ?? (() => new Date()));
}
