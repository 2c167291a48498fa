/** The pods that use a claim: each pod's workload, and every container's mount of it (path, read-only). */
import { Link } from 'react-router';
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { detailPath, kindPath } from '../../app/objectLinks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { podStatusTone } from '../pods/podStatusTone.ts';

export function ClaimMounts({ detail, context }: { detail: ClaimDetail; context: string }) {
  const t = useT();
  const ns = detail.namespace;
  return (
    <section className="panel" aria-labelledby="claim-pods-title">
      <h2 id="claim-pods-title" className="panel__title">
        {t('claim.pods')}
      </h2>
      {detail.pods.length === 0 ? (
        <p className="muted" data-testid="claim-pods-none">
          {t('claim.podsNone')}
        </p>
      ) : (
        <table className="grid" data-testid="claim-pods">
          <thead>
            <tr>
              <th>{t('claim.col.pod')}</th>
              <th>{t('claim.col.workload')}</th>
              <th>{t('claim.col.status')}</th>
              <th>{t('claim.col.node')}</th>
              <th>{t('claim.col.container')}</th>
              <th>{t('claim.col.mountPath')}</th>
              <th>{t('claim.col.access')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.pods.flatMap((p) => {
              const mounts = p.mounts.length ? p.mounts : [undefined];
              const workloadHref = p.workload ? kindPath(context, p.workload.kind, ns, p.workload.name) : undefined;
              return mounts.map((m, i) => (
                <tr key={`${p.name}/${m?.container ?? ''}/${i}`} data-testid="claim-mount" data-pod={p.name}>
                  <td>
                    {i === 0 && (
                      <>
                        <Link className="mono" to={detailPath(context, 'pods', ns, p.name)}>
                          {p.name}
                        </Link>
                        {p.ephemeral && <span className="muted"> ({t('claim.podEphemeral')})</span>}
                      </>
                    )}
                  </td>
                  <td>
                    {i === 0 &&
                      p.workload &&
                      (workloadHref ? (
                        <Link className="mono" to={workloadHref}>
                          {p.workload.kind}/{p.workload.name}
                        </Link>
                      ) : (
                        <span className="mono">
                          {p.workload.kind}/{p.workload.name}
                        </span>
                      ))}
                  </td>
                  {/* Readiness is on the pod's own page; here the status word alone sets the colour. */}
                  <td className={`tone tone--${podStatusTone({ status: p.status, phase: p.status, readyContainers: 1, totalContainers: 1 })}`}>{i === 0 ? p.status : ''}</td>
                  <td className="mono">{i === 0 ? (p.node ?? '—') : ''}</td>
                  <td className="mono">{m ? `${m.container}${m.init ? ` (${t('claim.initContainer')})` : ''}` : <span className="muted">{t('claim.notMounted')}</span>}</td>
                  <td className="mono" data-testid="claim-mount-path">
                    {m?.mountPath ?? '—'}
                  </td>
                  <td>{m ? (m.readOnly ? t('claim.readOnly') : t('claim.readWrite')) : '—'}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
