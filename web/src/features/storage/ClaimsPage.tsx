/**
 * PersistentVolumeClaims across the selected namespaces, live: status (and why not Bound),
 * requested → actual capacity, access modes, class (and where it is named), volume, how it was
 * provisioned, and the pods that mount it. The orphan filter keeps claims no pod uses and
 * names the Released volumes beside them; a form creates a claim.
 */
import { Link } from 'react-router';
import type { ClaimRow } from '../../../../server/views/storage/claimRow.ts';
import { detailPath, objectHref } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { CreateClaimButton } from './CreateClaimForm.tsx';
import { ReleasedVolumesNote } from './OrphanNotes.tsx';
import { storageTone } from './storageTone.ts';
import './storage.css';

const spec: ListSpec<ClaimRow> = {
  view: 'persistentvolumeclaims',
  title: 'claims.title',
  filterPlaceholder: 'claims.filter',
  count: 'claims.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.status} ${r.storageClass?.name ?? ''} ${r.volume ?? ''} ${r.users.map((u) => u.pod).join(' ')}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'Pending', label: 'claims.status.Pending', tone: 'progress' },
      { value: 'Lost', label: 'claims.status.Lost', tone: 'bad' },
      { value: 'Terminating', label: 'claims.status.Terminating', tone: 'progress' },
      { value: 'Bound', label: 'claims.status.Bound', tone: 'ok' },
    ],
    of: (r) => r.status,
  },
  toggle: { param: 'orphans', label: 'storage.orphans', of: (r) => r.orphan },
  toolbar: CreateClaimButton,
  footer: ReleasedVolumesNote,
  columns: (t, context) => [
    {
      id: 'name',
      header: t('claims.col.name'),
      width: 'minmax(8rem, 1.2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'persistentvolumeclaims', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('claims.col.namespace'), width: 'minmax(5.5rem, 0.7fr)', cell: (r) => <span className="mono">{r.namespace}</span>, sortValue: (r) => r.namespace },
    {
      id: 'status',
      header: t('claims.col.status'),
      width: 'minmax(9.5rem, 1.7fr)',
      cell: (r) => (
        <span data-testid="claim-row-status">
          <span className={`tone tone--${storageTone(r.status)}`}>{r.status}</span>
          {r.cause && <span className="muted"> · {t(`claims.cause.${r.cause}`)}</span>}
          {r.resize !== 'none' && <span className="muted"> · {t(`claim.resize.state.${r.resize}`)}</span>}
        </span>
      ),
      sortValue: (r) => r.status,
    },
    {
      id: 'capacity',
      header: t('claims.col.capacity'),
      width: 'minmax(10rem, 0.8fr)',
      cell: (r) => <span className="mono">{r.capacity && r.capacity !== r.requested ? `${r.requested ?? '—'} → ${r.capacity}` : (r.capacity ?? r.requested ?? '—')}</span>,
      sortValue: (r) => r.capacity ?? r.requested ?? '',
    },
    { id: 'access', header: t('claims.col.access'), width: 'minmax(8rem, 0.8fr)', cell: (r) => <span className="cell-ellipsis">{r.accessModes.join(', ')}</span>, sortValue: (r) => r.accessModes.join(',') },
    {
      id: 'class',
      header: t('claims.col.class'),
      width: 'minmax(6.5rem, 1fr)',
      cell: (r) =>
        r.storageClass ? (
          <span data-testid="claim-row-class">
            <Link className="mono" to={objectHref(context, { group: 'storage.k8s.io', plural: 'storageclasses', name: r.storageClass.name })}>
              {r.storageClass.name}
            </Link>
            {r.storageClass.from === 'betaAnnotation' && <span className="muted"> ({t('claims.fromAnnotation')})</span>}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      sortValue: (r) => r.storageClass?.name ?? '',
    },
    {
      id: 'volume',
      header: t('claims.col.volume'),
      width: 'minmax(7rem, 1.1fr)',
      cell: (r) =>
        r.volume ? (
          <Link className="mono cell-ellipsis" to={objectHref(context, { group: '', plural: 'persistentvolumes', name: r.volume })}>
            {r.volume}
          </Link>
        ) : (
          <span className="muted">—</span>
        ),
      sortValue: (r) => r.volume ?? '',
    },
    {
      id: 'provisioning',
      header: t('claims.col.provisioning'),
      width: 'minmax(7rem, 1fr)',
      cell: (r) => <span data-testid="claim-row-mode" data-mode={r.provisioning.mode}>{t(`claims.mode.${r.provisioning.mode}`)}</span>,
      sortValue: (r) => r.provisioning.mode,
    },
    {
      id: 'usedBy',
      header: t('claims.col.usedBy'),
      width: 'minmax(7.5rem, 1.2fr)',
      cell: (r) =>
        r.users.length === 0 ? (
          <span className="muted">{t('claims.unused')}</span>
        ) : (
          <span className="cell-ellipsis" data-testid="claim-row-users">
            {r.users.map((u, i) => (
              <span key={u.pod}>
                {i > 0 && ', '}
                <Link className="mono" to={detailPath(context, 'pods', r.namespace, u.pod)}>
                  {u.pod}
                </Link>
              </span>
            ))}
          </span>
        ),
      sortValue: (r) => r.users.length,
    },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function ClaimsPage() {
  return <LiveListPage spec={spec} />;
}
