/** Why a pod is Pending: the statements naming what no node has enough of, and each node's view of the pod. */
import type { PendingExplanation } from '../../../../server/views/nodes/whyPending.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { phrase, raw } from '../../i18n/phrase.ts';
import { PhraseText, Raw } from '../../i18n/PhraseText.tsx';
import { amountOf, nodeMisfitPhrase, pendingPhrases } from './pendingPhrases.ts';

export function PendingReport({ pending }: { pending: PendingExplanation }) {
  const t = useT();
  const requested = Object.keys(pending.requests).filter((r) => (pending.requests[r] ?? 0) > 0);
  return (
    <section className="panel pending-why" aria-labelledby="pending-title" data-testid="why-pending">
      <h2 id="pending-title" className="panel__title">
        {t('pod.whyPending')}
      </h2>
      <p className="pending-why__sentence" data-testid="why-pending-sentence">
        {pendingPhrases(pending).map((p, i) => (
          <span key={i}>
            {i > 0 && ' '}
            <PhraseText phrase={p} />
          </span>
        ))}
      </p>
      {pending.nodes.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('nodes.col.name')}</th>
              <th>{t('pod.fits')}</th>
              {requested.map((r) => (
                <th key={r}>
                  <PhraseText phrase={phrase('pod.freeOf', { resource: raw(r), wanted: raw(amountOf(r, pending.requests[r] ?? 0)) })} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pending.nodes.map((n) => (
              <tr key={n.node}>
                <td className="mono">
                  <Raw>{n.node}</Raw>
                </td>
                <td className={`tone tone--${n.fits ? 'ok' : 'bad'}`}>{n.fits ? t('pod.fitsYes') : n.why ? <PhraseText phrase={nodeMisfitPhrase(n.node, n.why)} /> : t('pod.fitsNo')}</td>
                {Object.entries(n.free).map(([r, f]) => (
                  <td key={r} className={`mono${f.free < (pending.requests[r] ?? 0) ? ' tone tone--bad' : ''}`}>
                    <Raw>
                      {amountOf(r, Math.max(0, f.free))} / {amountOf(r, f.allocatable)}
                    </Raw>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending.event && (
        <p className="muted" data-testid="why-pending-event">
          <PhraseText phrase={phrase('pod.schedulerSaid', { count: pending.event.count, message: raw(pending.event.message) })} />
        </p>
      )}
    </section>
  );
}
