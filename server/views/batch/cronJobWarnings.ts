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
 *
 * The first three change with time alone (a run falls due, its deadline passes, the count
 * grows), not only when the CronJob or its Jobs change: `nextWarningCheck` says when the live
 * view must compute them again.
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

/**
 * The next instant after `now` at which cronJobWarnings(cj, ·) could give another answer with
 * the CronJob unchanged, or undefined when time alone changes nothing (suspended, a schedule or
 * zone the controller cannot read, a schedule that never fires). The answer moves only when
 * - the first run after the last start falls due (a Forbid policy with an active Job blocks it),
 * - that run's deadline (startingDeadlineSeconds, else a minute) passes (missed),
 * - the controller's count of missed start times passes 100 or, past it, grows (one interval
 *   of the schedule later), or its window (now − startingDeadlineSeconds) leaves its first run.
 * An object change recomputes everything anyway, so this only has to cover time passing.
 */
export function nextWarningCheck(cj: Readonly<KubeObject>, now: Date): Date | undefined {
  const sched = schedOf(cj);
  if ('code' in sched || cj.spec?.suspend) return undefined;
  const last = cj.status?.lastScheduleTime as string | undefined;
  const deadline = cj.spec?.startingDeadlineSeconds as number | undefined | null;
  const nowMs = now.getTime();
  const candidates: number[] = [];
  const due = sched.next(new Date(last ?? cj.metadata.creationTimestamp ?? now.toISOString())).getTime();
  if (due !== 0) {
    const active = (cj.status?.active as unknown[] | undefined) ?? [];
    if ((cj.spec?.concurrencyPolicy ?? 'Allow') === 'Forbid' && active.length > 0) candidates.push(due);
    // missedSchedule holds once now is strictly past due + allowed.
    candidates.push(due + (deadline ?? MISSED_GRACE_SECONDS) * 1000 + 1);
  }
  const t1 = sched.next(catchUpStart(last, cj.metadata.creationTimestamp, deadline, now)).getTime();
  if (t1 !== 0 && t1 <= nowMs) {
    const t2 = sched.next(new Date(t1)).getTime();
    const between = Math.round((t2 - t1) / 1000) * 1000;
    if (t2 !== 0 && between >= 1000) {
      // As scheduleCatchUp estimates it: floor((now − t1) / between) + 1, more than 100 is too many.
      const missed = Math.floor((nowMs - t1) / between) + 1;
      candidates.push(t1 + Math.max(missed, 100) * between);
    }
    // The window starts at now − deadline: at t1 + deadline its first run leaves it.
    if (deadline !== undefined && deadline !== null) candidates.push(t1 + deadline * 1000);
  }
  const later = candidates.filter((t) => t > nowMs);
  return later.length ? new Date(Math.min(...later)) : undefined;
}
