/** A schedule in words (cronstrue, English or Chinese) and a CronJob warning in the page's language. */
import cronstrue from 'cronstrue/i18n';
import type { CronJobWarning } from '../../../../server/views/batch/cronJobWarnings.ts';
import type { Translate } from '../../i18n/translate.ts';

/** cronstrue reads five fields and the @descriptors; what it cannot read is shown as written. */
export function describeSchedule(schedule: string, language: 'en' | 'zh'): string {
  try {
    return cronstrue.toString(schedule, { locale: language === 'zh' ? 'zh_CN' : 'en', use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch (err) {
    if (typeof err === 'string' || err instanceof Error) return schedule; // cronstrue throws strings for what it cannot parse
    throw err;
  }
}

export function warningText(w: CronJobWarning, t: Translate, at: (iso: string) => string): string {
  switch (w.code) {
    case 'missedSchedule':
      return t('cronjobs.warn.missedSchedule', { at: at(w.scheduledAt), deadline: w.deadlineSeconds !== undefined ? t('cronjobs.seconds', { n: w.deadlineSeconds }) : t('cronjobs.warn.missedGrace') });
    case 'forbidBlocked':
      return t('cronjobs.warn.forbidBlocked', { at: at(w.scheduledAt), job: w.activeJob });
    case 'tooManyMissed':
      return t('cronjobs.warn.tooManyMissed', { missed: w.missed });
    case 'invalidSchedule':
      return t('cronjobs.warn.invalidSchedule', { message: w.message });
    case 'unknownTimeZone':
      return t('cronjobs.warn.unknownTimeZone', { zone: w.zone });
  }
}
