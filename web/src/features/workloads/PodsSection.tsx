/** The pods of a workload with their state, each linking to its page. */
import { Link } from 'react-router';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { Age } from '../../components/Age.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { podStatusTone } from '../pods/podStatusTone.ts';
import { detailPath } from '../../app/objectLinks.ts';

export function PodsSection({ context, pods }: { context: string; pods: readonly PodRow[] }) {
  const t = useT();
  const sorted = [...pods].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel" aria-labelledby="pods-section-title">
      <h2 id="pods-section-title" className="panel__title">
        {t('detail.pods', { count: pods.length })}
      </h2>
      <table className="grid" data-testid="workload-pods">
        <thead>
          <tr>
            <th>{t('pods.col.name')}</th>
            <th>{t('pods.col.status')}</th>
            <th>{t('pods.col.ready')}</th>
            <th>{t('pods.col.restarts')}</th>
            <th>{t('pods.col.node')}</th>
            <th>{t('pods.col.age')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.key}>
              <td>
                <Link className="mono" to={detailPath(context, 'pods', p.namespace, p.name)}>
                  {p.name}
                </Link>
              </td>
              <td>
                <span className={`tone tone--${podStatusTone(p)}`}>{p.deletionTimestamp ? 'Terminating' : p.status}</span>
              </td>
              <td>{p.ready}</td>
              <td>{p.restarts}</td>
              <td>{p.node ?? <span className="muted">{t('pods.unscheduled')}</span>}</td>
              <td>
                <Age since={p.creationTimestamp} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
