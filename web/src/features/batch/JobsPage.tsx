/** Jobs across the selected namespaces, live: status from the conditions, progress as succeeded/completions, active and failed pods, kind of run. */
import { Link } from 'react-router';
import type { JobRow } from '../../../../server/views/batch/jobRow.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { JobCreateButton } from './CreateButtons.tsx';
import { progressText, RUN_KIND_KEYS, STATUS_KEYS, STATUS_TONES } from './jobPhrases.ts';
import './jobs.css';

const spec: ListSpec<JobRow> = {
  view: 'jobs',
  title: 'jobs.title',
  filterPlaceholder: 'jobs.filter',
  count: 'jobs.count',
  rowKey: (r) => r.key,
  toolbar: JobCreateButton,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.images.join(' ')} ${r.status} ${r.failureReason} ${r.cronJob}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'Failed', label: 'jobs.status.Failed', tone: 'bad' },
      { value: 'Running', label: 'jobs.status.Running', tone: 'progress' },
      { value: 'Suspended', label: 'jobs.status.Suspended', tone: 'muted' },
      { value: 'Complete', label: 'jobs.status.Complete', tone: 'ok' },
    ],
    of: (r) => r.status,
  },
  columns: (t, context) => [
    {
      id: 'name',
      header: t('jobs.col.name'),
      width: 'minmax(11rem, 2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'jobs', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('jobs.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
    {
      id: 'status',
      header: t('jobs.col.status'),
      width: 'minmax(7rem, 1fr)',
      cell: (r) => (
        <span className={`tone tone--${STATUS_TONES[r.status]}`} data-testid="job-status" title={r.failureReason}>
          {t(STATUS_KEYS[r.status])}
        </span>
      ),
      sortValue: (r) => r.status,
    },
    { id: 'progress', header: t('jobs.col.progress'), width: '5.5rem', cell: (r) => <span data-testid="job-progress">{progressText(r)}</span>, sortValue: (r) => r.succeeded / Math.max(1, r.completions ?? 1), align: 'end' },
    { id: 'active', header: t('jobs.col.active'), width: '4.5rem', cell: (r) => r.active, sortValue: (r) => r.active, align: 'end' },
    { id: 'failed', header: t('jobs.col.failed'), width: '4.5rem', cell: (r) => r.failed, sortValue: (r) => r.failed, align: 'end' },
    { id: 'runKind', header: t('jobs.col.runKind'), width: 'minmax(8rem, 1fr)', cell: (r) => t(RUN_KIND_KEYS[r.runKind]), sortValue: (r) => r.runKind },
    { id: 'age', header: t('jobs.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function JobsPage() {
  return <LiveListPage spec={spec} />;
}
