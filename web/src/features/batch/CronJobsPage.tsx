/** CronJobs, live: schedule in words, suspended, active Jobs, last schedule and warnings. */
import { Link } from 'react-router';
import type { CronJobRow } from '../../../../server/views/batch/cronJobRow.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { CronJobCreateButton } from './CreateButtons.tsx';

export function cronJobState(r: Pick<CronJobRow, 'suspend' | 'warnings'>): 'ok' | 'suspended' | 'warning' {
  if (r.warnings.length) return 'warning';
  return r.suspend ? 'suspended' : 'ok';
}

const spec: ListSpec<CronJobRow> = {
  view: 'cronjobs',
  title: 'cronjobs.title',
  filterPlaceholder: 'cronjobs.filter',
  count: 'cronjobs.count',
  rowKey: (r) => r.key,
  toolbar: CronJobCreateButton,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.schedule}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'warning', label: 'cronjobs.chip.warning', tone: 'progress' },
      { value: 'ok', label: 'cronjobs.chip.ok', tone: 'ok' },
      { value: 'suspended', label: 'cronjobs.chip.suspended', tone: 'muted' },
    ],
    of: cronJobState,
  },
  columns: (t, context) => [
    {
      id: 'name',
      header: t('workloads.col.name'),
      width: 'minmax(12rem, 2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'cronjobs', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
    { id: 'schedule', header: t('cronjobs.col.schedule'), width: 'minmax(8rem, 1.2fr)', cell: (r) => <span className="mono">{r.schedule}</span>, sortValue: (r) => r.schedule },
    { id: 'suspend', header: t('cronjobs.col.suspended'), width: '6rem', cell: (r) => t(r.suspend ? 'cronjobs.suspendedYes' : 'cronjobs.suspendedNo'), sortValue: (r) => (r.suspend ? 1 : 0) },
    { id: 'active', header: t('cronjobs.col.active'), width: '5rem', cell: (r) => r.active.length, sortValue: (r) => r.active.length, align: 'end' },
    { id: 'last', header: t('cronjobs.col.lastSchedule'), width: '7rem', cell: (r) => (r.lastScheduleTime ? <Age since={r.lastScheduleTime} /> : '—'), sortValue: (r) => r.lastScheduleTime ?? '' },
    {
      id: 'warnings',
      header: t('cronjobs.col.warnings'),
      width: '6rem',
      cell: (r) => (r.warnings.length ? <span className="tone tone--progress">{r.warnings.length}</span> : ''),
      sortValue: (r) => r.warnings.length,
      align: 'end',
    },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function CronJobsPage() {
  return <LiveListPage spec={spec} />;
}
