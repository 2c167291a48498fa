/** StorageClasses, live: provisioner, default, binding mode, reclaim policy, expansion, parameters and the claims that use each. */
import { Link } from 'react-router';
import type { StorageClassRow } from '../../../../server/views/storage/storageClassRow.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import './storage.css';

const spec: ListSpec<StorageClassRow> = {
  view: 'storageclasses',
  title: 'classes.title',
  filterPlaceholder: 'classes.filter',
  count: 'classes.count',
  clusterScoped: true,
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.provisioner} ${r.volumeBindingMode} ${r.reclaimPolicy} ${Object.entries(r.parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  labels: (r) => r.labels,
  columns: (t, context) => [
    {
      id: 'name',
      header: t('classes.col.name'),
      width: 'minmax(8rem, 1.2fr)',
      cell: (r) => (
        <span>
          <Link className="mono" to={objectHref(context, { group: 'storage.k8s.io', plural: 'storageclasses', name: r.name })}>
            {r.name}
          </Link>
          {r.isDefault && <span className="muted" data-testid="class-default"> ({t('classes.default')})</span>}
        </span>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'provisioner', header: t('classes.col.provisioner'), width: 'minmax(10rem, 1.5fr)', cell: (r) => <span className="mono cell-ellipsis">{r.provisioner}</span>, sortValue: (r) => r.provisioner },
    { id: 'reclaim', header: t('classes.col.reclaim'), width: '6rem', cell: (r) => r.reclaimPolicy, sortValue: (r) => r.reclaimPolicy },
    { id: 'binding', header: t('classes.col.binding'), width: 'minmax(9rem, 1.2fr)', cell: (r) => r.volumeBindingMode, sortValue: (r) => r.volumeBindingMode },
    {
      id: 'expansion',
      header: t('classes.col.expansion'),
      width: '6rem',
      cell: (r) => <span className={`tone tone--${r.allowVolumeExpansion ? 'ok' : 'muted'}`}>{r.allowVolumeExpansion ? t('claim.expansionYes') : t('claim.expansionNo')}</span>,
      sortValue: (r) => (r.allowVolumeExpansion ? 1 : 0),
    },
    {
      id: 'parameters',
      header: t('classes.col.parameters'),
      width: 'minmax(8rem, 1.2fr)',
      cell: (r) => <span className="mono cell-ellipsis">{Object.entries(r.parameters).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</span>,
    },
    {
      id: 'claims',
      header: t('classes.col.claims'),
      width: 'minmax(10rem, 1.6fr)',
      cell: (r) => <span className="mono cell-ellipsis" data-testid="class-row-claims">{r.claims.join(', ') || <span className="muted">—</span>}</span>,
      sortValue: (r) => r.claims.length,
    },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function StorageClassesPage() {
  return <LiveListPage spec={spec} />;
}
