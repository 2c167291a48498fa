/** The next runs of a schedule from now, in a time zone, by the controller's own parser (server/kube/cronSchedule.ts). */
import { useMemo } from 'react';
import { formatInZone, nextRuns } from '../../../../server/kube/cronSchedule.ts';
import { useNow } from '../../components/useNow.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export function ScheduleRuns({ schedule, zone, testId, count = 5 }: { schedule: string; zone: string; testId: string; count?: number }) {
  const { t } = useI18n();
  const now = useNow();
  const runs = useMemo(() => nextRuns(schedule, new Date(now), count, zone), [schedule, zone, now, count]);
  if (!runs.length) return <p className="muted">{t('cronjobs.noRuns')}</p>;
  return (
    <ol className="cron__runs" data-testid={testId}>
      {runs.map((r) => (
        <li key={r.getTime()} className="mono">
          {formatInZone(r, zone)}
        </li>
      ))}
    </ol>
  );
}
