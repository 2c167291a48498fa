/** The revision history (`kubectl rollout history`): number, images, change-cause, age, pods, and roll back to it. */
import { Link } from 'react-router';
import type { Revision } from '../../../../server/views/workloads/revisionHistory.ts';
import { Age } from '../../components/Age.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

interface Props {
  revisions: readonly Revision[];
  onRollback?: (revision: number) => void;
  denied?: string;
  /** Where a revision's object has a page of its own (a Deployment's ReplicaSets). */
  pageOf?: (r: Revision) => string;
}

export function RevisionList({ revisions, onRollback, denied, pageOf }: Props) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="revisions-title">
      <h2 id="revisions-title" className="panel__title">
        {t('revisions.title')}
      </h2>
      <table className="grid" data-testid="revisions">
        <thead>
          <tr>
            <th>{t('revisions.revision')}</th>
            <th>{t('workloads.col.images')}</th>
            <th>{t('revisions.changeCause')}</th>
            <th>{t('revisions.pods')}</th>
            <th>{t('workloads.col.age')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.name} data-revision={r.revision} className={r.current ? 'grid__current' : undefined}>
              <td>
                {r.revision} {r.current && <span className="tone tone--ok">{t('revisions.current')}</span>}
                {pageOf && (
                  <>
                    {' · '}
                    <Link className="mono" to={pageOf(r)} data-testid="revision-object">
                      {r.name}
                    </Link>
                  </>
                )}
              </td>
              <td className="mono">{r.images.join(', ')}</td>
              <td>{r.changeCause ?? <span className="muted">—</span>}</td>
              <td>{t('revisions.podCount', { ready: r.pods.ready, total: r.pods.total })}</td>
              <td>
                <Age since={r.createdAt} />
              </td>
              <td>
                {!r.current && onRollback && (
                  <button type="button" className="button button--small" disabled={!!denied} title={denied} onClick={() => onRollback(r.revision)} data-testid={`rollback-to-${r.revision}`}>
                    {t('revisions.rollBackTo', { revision: r.revision })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
