/**
 * What is wrong with a CronJob's timing, as codes with parameters (worded in the SPA):
 * - `missedSchedule`: a run came due after the last one started and was not started within
 *   startingDeadlineSeconds (or, without a deadline, within a minute of grace for the
 *   controller's resync) — kube-controller-manager records MissSchedule for it;
 * - `forbidBlocked`: concurrencyPolicy Forbid and a Job of an earlier run still active when a
 *   run came due — the controller skips it (JobAlreadyActive);
 * - `tooManyMissed`: more than 100 start times missed, counted from lastScheduleTime moved up
 *   to now − startingDeadlineSeconds exactly as the controller counts them; it then refuses with
 *   "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew";
 * - `invalidSchedule` / `unknownTimeZone`: the controller cannot evaluate the schedule at all.
 * A suspended CronJob misses runs on purpose: only the last two apply to it.
 */
import { catchUpStart, isValidTimeZone, parseCronSchedule, scheduleCatchUp, type CronSchedule } from '../../kube/cronSchedule.ts';
import type { KubeObject } from '../../kube/object.ts';

export type CronJobWarning =
  | { code: 'missedSchedule'; scheduledAt: string; deadlineSeconds?: number }
  | { code: 'forbidBlocked'; scheduledAt: string; activeJob: string }
  | { code: 'tooManyMissed'; missed: number }
  | { code: 'invalidSchedule'; message: string }
  | { code: 'unknownTimeZone'; zone: string };

/** Without startingDeadlineSeconds a late run still starts at the controller's next pass; a minute covers that. */
export const MISSED_GRACE_SECONDS = 60;

function schedOf(cj: Readonly<KubeObject>): CronSchedule | CronJobWarning {
  const zone = cj.spec?.timeZone as string | undefined;
  if (zone && !isValidTimeZone(zone)) return { code: 'unknownTimeZone', zone };
  try {
    return parseCronSchedule(String(cj.spec?.schedule ?? ''), zone);
  } catch (err) {
    return { code: 'invalidSchedule', message: (err as Error).message };
  }
}

export function cronJobWarnings(cj: Readonly<KubeObject>, now: Date): CronJobWarning[] {
  const sched = schedOf(cj);
  if ('code' in sched) return [sched];
  if (cj.spec?.suspend) return [];
  const warnings: CronJobWarning[] = [];
  const last = cj.status?.lastScheduleTime as string | undefined;
  const deadline = cj.spec?.startingDeadlineSeconds as number | undefined | null;
  // The first run due after the last start, if any: the one that was missed or blocked.
  const sinceLast = scheduleCatchUp(sched, new Date(last ?? cj.metadata.creationTimestamp ?? now.toISOString()), now);
  const due = sinceLast.firstDue;
  const active = (cj.status?.active as { name?: string }[] | undefined) ?? [];
  if (due) {
    const allowed = (deadline ?? MISSED_GRACE_SECONDS) * 1000;
    if ((cj.spec?.concurrencyPolicy ?? 'Allow') === 'Forbid' && active.length > 0) {
      warnings.push({ code: 'forbidBlocked', scheduledAt: due.toISOString(), activeJob: active[0].name ?? '' });
    }
    if (due.getTime() + allowed < now.getTime()) {
      warnings.push({ code: 'missedSchedule', scheduledAt: due.toISOString(), ...(deadline !== undefined && deadline !== null ? { deadlineSeconds: deadline } : {}) });
    }
  }
  const counted = scheduleCatchUp(sched, catchUpStart(last, cj.metadata.creationTimestamp, deadline, now), now);
  if (counted.tooMany) warnings.push({ code: 'tooManyMissed', missed: counted.missed });
  return warnings;
}
