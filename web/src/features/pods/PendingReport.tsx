/** Why a pod is Pending: the sentence naming what no node has enough of, and each node's view of the pod. */
import type { PendingExplanation } from '../../../../server/views/nodes/whyPending.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { bytesAmount, cpuCores } from '../nodes/resourceAmount.ts';

const amount = (resource: string, n: number) => (resource === 'cpu' ? cpuCores(n) : resource === 'memory' ? bytesAmount(n) : String(n));

export function PendingReport({ pending }: { pending: PendingExplanation }) {
  const t = useT();
  return (
    <section className="panel pending-why" aria-labelledby="pending-title" data-testid="why-pending">
      <h2 id="pending-title" className="panel__title">
        {t('pod.whyPending')}
      </h2>
      <p className="pending-why__sentence" data-testid="why-pending-sentence">
        {pending.sentence}
      </p>
      {pending.nodes.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('nodes.col.name')}</th>
              <th>{t('pod.fits')}</th>
              {Object.keys(pending.requests)
                .filter((r) => (pending.requests[r] ?? 0) > 0)
                .map((r) => (
                  <th key={r}>{t('pod.freeOf', { resource: r, wanted: amount(r, pending.requests[r] ?? 0) })}</th>
                ))}
            </tr>
          </thead>
          <tbody>
            {pending.nodes.map((n) => (
              <tr key={n.node}>
                <td className="mono">{n.node}</td>
                <td className={`tone tone--${n.fits ? 'ok' : 'bad'}`}>{n.fits ? t('pod.fitsYes') : (n.why ?? t('pod.fitsNo'))}</td>
                {Object.entries(n.free).map(([r, f]) => (
                  <td key={r} className={`mono${f.free < (pending.requests[r] ?? 0) ? ' tone tone--bad' : ''}`}>
                    {amount(r, Math.max(0, f.free))} / {amount(r, f.allocatable)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending.event && <p className="muted">{t('pod.schedulerSaid', { message: pending.event.message, count: pending.event.count })}</p>}
    </section>
  );
}
