/** Why a claim is Pending or Lost: the sentence, the cluster's latest word, and the volumes it could have had. */
import { Link } from 'react-router';
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { detailPath } from '../../app/objectLinks.ts';
import { unboundSentence, verdictSentence } from './claimExplanation.ts';
import { claimPath } from './claimPath.ts';

export function ClaimUnboundReport({ detail, context }: { detail: ClaimDetail; context: string }) {
  const t = useT();
  const why = unboundSentence(detail);
  const unbound = detail.unbound;
  if (!why || !unbound) return null;
  const candidates = unbound.candidates;
  return (
    <section className="panel pending-why" aria-labelledby="claim-why-title" data-testid="claim-why">
      <h2 id="claim-why-title" className="panel__title">
        {detail.phase === 'Lost' ? t('claim.whyLost') : t('claim.whyPending')}
      </h2>
      <p className="pending-why__sentence" data-testid="claim-why-sentence" data-cause={unbound.cause}>
        {t(why.key, why.vars)}
      </p>
      {unbound.waitingPods && unbound.waitingPods.length > 0 && (
        <p>
          {unbound.waitingPods.map((p, i) => (
            <span key={p}>
              {i > 0 && ', '}
              <Link className="mono" to={detailPath(context, 'pods', detail.namespace, p)}>
                {p}
              </Link>
            </span>
          ))}
        </p>
      )}
      {unbound.event && (
        <p className={unbound.event.type === 'Warning' ? 'tone tone--bad' : 'muted'} data-testid="claim-why-event">
          {t('claim.lastEvent', { reason: unbound.event.reason, count: unbound.event.count, message: unbound.event.message })}
        </p>
      )}
      {candidates && (
        <>
          <h3 className="container__name">{t('claim.candidates', { class: detail.storageClass?.name ?? '—' })}</h3>
          {candidates.length === 0 ? (
            <p className="muted">{t('claim.candidatesNone', { class: detail.storageClass?.name ?? '—' })}</p>
          ) : (
            <table className="grid" data-testid="claim-candidates">
              <thead>
                <tr>
                  <th>{t('claim.col.volume')}</th>
                  <th>{t('claim.col.capacity')}</th>
                  <th>{t('claim.col.phase')}</th>
                  <th>{t('claim.col.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((v) => {
                  const verdict = verdictSentence(v);
                  return (
                    <tr key={v.name}>
                      <td className="mono">{v.name}</td>
                      <td className="mono">{v.capacity}</td>
                      <td>{v.phase}</td>
                      <td className={`tone tone--${v.verdict === 'fits' ? 'ok' : 'bad'}`}>
                        {v.verdict === 'boundElsewhere' && v.claim ? (
                          <Link to={claimLink(context, v.claim)}>{t(verdict.key, verdict.vars)}</Link>
                        ) : (
                          t(verdict.key, verdict.vars)
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function claimLink(context: string, namespacedName: string): string {
  const [ns = '', name = ''] = namespacedName.split('/');
  return claimPath(context, ns, name);
}
