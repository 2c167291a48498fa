/**
 * PersistentVolumes, live: status, capacity, access modes, reclaim policy, the claim it is
 * (or was) bound to, class, where the data lives and which nodes reach it. Released volumes
 * are flagged as reclaimable with what their policy means; the orphan filter keeps them and
 * names the claims no pod uses beside them.
 */
import { Link } from 'react-router';
import type { VolumeRow } from '../../../../server/views/storage/volumeRow.ts';
import { detailPath, objectHref } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { OrphanClaimsNote } from './OrphanNotes.tsx';
import { storageTone } from './storageTone.ts';
import './storage.css';

const spec: ListSpec<VolumeRow> = {
  view: 'persistentvolumes',
  title: 'volumes.title',
  filterPlaceholder: 'volumes.filter',
  count: 'volumes.count',
  clusterScoped: true,
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.status} ${r.storageClass ?? ''} ${r.claimRef ? `${r.claimRef.namespace}/${r.claimRef.name}` : ''} ${r.source.type ?? ''} ${r.source.detail ?? ''}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'Released', label: 'volumes.status.Released', tone: 'progress' },
      { value: 'Failed', label: 'volumes.status.Failed', tone: 'bad' },
      { value: 'Available', label: 'volumes.status.Available', tone: 'ok' },
      { value: 'Bound', label: 'volumes.status.Bound', tone: 'ok' },
    ],
    of: (r) => r.phase,
  },
  toggle: { param: 'orphans', label: 'storage.orphans', of: (r) => r.reclaimable },
  footer: OrphanClaimsNote,
  columns: (t, context) => [
    {
      id: 'name',
      header: t('volumes.col.name'),
      width: 'minmax(9rem, 1.5fr)',
      cell: (r) => (
        <Link className="mono cell-ellipsis" to={objectHref(context, { group: '', plural: 'persistentvolumes', name: r.name })}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    {
      id: 'status',
      header: t('volumes.col.status'),
      width: 'minmax(8rem, 1.2fr)',
      cell: (r) => (
        <span data-testid="volume-row-status">
          <span className={`tone tone--${storageTone(r.status)}`}>{r.status}</span>
          {r.reclaimable && <span className="muted"> · {t('volumes.reclaimable')}</span>}
        </span>
      ),
      sortValue: (r) => r.status,
    },
    { id: 'capacity', header: t('volumes.col.capacity'), width: '5rem', cell: (r) => <span className="mono">{r.capacity ?? '—'}</span>, sortValue: (r) => r.capacity ?? '' },
    { id: 'access', header: t('volumes.col.access'), width: 'minmax(6rem, 0.8fr)', cell: (r) => <span className="cell-ellipsis">{r.accessModes.join(', ')}</span>, sortValue: (r) => r.accessModes.join(',') },
    { id: 'reclaim', header: t('volumes.col.reclaim'), width: '5.5rem', cell: (r) => r.reclaimPolicy, sortValue: (r) => r.reclaimPolicy },
    {
      id: 'claim',
      header: t('volumes.col.claim'),
      width: 'minmax(9rem, 1.4fr)',
      cell: (r) =>
        !r.claimRef ? (
          <span className="muted">—</span>
        ) : r.phase === 'Released' ? (
          <span className="mono muted cell-ellipsis" title={t('volumes.claimGone')}>
            {r.claimRef.namespace}/{r.claimRef.name}
          </span>
        ) : (
          <Link className="mono cell-ellipsis" to={detailPath(context, 'persistentvolumeclaims', r.claimRef.namespace, r.claimRef.name)}>
            {r.claimRef.namespace}/{r.claimRef.name}
          </Link>
        ),
      sortValue: (r) => (r.claimRef ? `${r.claimRef.namespace}/${r.claimRef.name}` : ''),
    },
    { id: 'class', header: t('volumes.col.class'), width: 'minmax(6rem, 0.8fr)', cell: (r) => <span className="mono">{r.storageClass ?? '—'}</span>, sortValue: (r) => r.storageClass ?? '' },
    {
      id: 'source',
      header: t('volumes.col.source'),
      width: 'minmax(9rem, 1.4fr)',
      cell: (r) => <span className="mono cell-ellipsis">{[r.source.type, r.source.detail].filter(Boolean).join(': ') || '—'}</span>,
      sortValue: (r) => r.source.type ?? '',
    },
    { id: 'nodes', header: t('volumes.col.nodes'), width: 'minmax(6rem, 1fr)', cell: (r) => <span className="mono cell-ellipsis">{r.nodeAffinity.join(' | ') || t('volumes.anyNode')}</span> },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function VolumesPage() {
  return <LiveListPage spec={spec} />;
}
