/**
 * What the rollout workload lists (deployments, statefulsets, daemonsets) share: the filter text
 * and labels, one status chip per rollout state, and the name and namespace columns.
 */
import { Link } from 'react-router';
import type { Row } from '../../../../server/views/live/protocol.ts';
import type { RolloutState } from '../../../../server/views/workloads/rolloutStatus.ts';
import type { Column } from '../../components/DataTable.tsx';
import type { ListSpec } from '../../components/LiveListPage.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { detailPath } from '../../app/objectLinks.ts';

interface RolloutRow extends Row {
  name: string;
  namespace: string;
  images: string[];
  labels: Record<string, string>;
  rollout: { state: RolloutState; reason: string };
}

/** The spec of a rollout workload list; `columns` are the ones after name and namespace. */
export function rolloutListSpec<R extends RolloutRow>(view: 'deployments' | 'statefulsets' | 'daemonsets', columns: (t: Translate) => Column<R>[]): ListSpec<R> {
  return {
    view,
    title: `${view}.title`,
    filterPlaceholder: 'workloads.filter',
    count: `${view}.count`,
    rowKey: (r) => r.key,
    defaultSort: { column: 'name', direction: 'asc' },
    text: (r) => `${r.name} ${r.namespace} ${r.images.join(' ')} ${r.rollout.state} ${r.rollout.reason}`,
    labels: (r) => r.labels,
    chips: {
      values: [
        { value: 'failed', label: 'rollout.failed', tone: 'bad' },
        { value: 'progressing', label: 'rollout.progressing', tone: 'progress' },
        { value: 'paused', label: 'rollout.paused', tone: 'muted' },
        { value: 'complete', label: 'rollout.complete', tone: 'ok' },
      ],
      of: (r) => r.rollout.state,
    },
    columns: (t, context) => [
      {
        id: 'name',
        header: t('workloads.col.name'),
        width: 'minmax(11rem, 2fr)',
        cell: (r) => (
          <Link className="mono" to={detailPath(context, view, r.namespace, r.name)}>
            {r.name}
          </Link>
        ),
        sortValue: (r) => r.name,
      },
      { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
      ...columns(t),
    ],
  };
}
