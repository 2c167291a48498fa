/**
 * Where an expansion stands: the steps Kubernetes goes through (the request grows, the resizer
 * grows the volume — condition Resizing —, the kubelet grows the file system —
 * FileSystemResizePending —, then status.capacity shows the new size), the current one marked,
 * with the claim's conditions as the cluster wrote them.
 */
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import type { ResizeState } from '../../../../server/views/storage/claimState.ts';
import { Age } from '../../components/Age.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

const STEPS: readonly ResizeState[] = ['requested', 'resizing', 'fileSystemResizePending'];

export function ClaimResize({ detail }: { detail: ClaimDetail }) {
  const t = useT();
  const r = detail.resize;
  const steps = detail.resizeSteps;
  if (r.state === 'none' && r.conditions.length === 0 && steps.length === 0) return null;
  const at = STEPS.indexOf(r.state);
  return (
    <section className="panel" aria-labelledby="claim-resize-title" data-testid="claim-resize" data-state={r.state}>
      <h2 id="claim-resize-title" className="panel__title">
        {t('claim.resize.title')}
      </h2>
      <p data-testid="claim-resize-sentence">{t(`claim.resize.sentence.${r.state}`, { requested: r.requested ?? '—', capacity: r.capacity ?? '—', allocated: r.allocated ?? r.requested ?? '—' })}</p>
      {r.state !== 'none' && r.state !== 'failed' && (
        <ol className="resize-steps">
          {STEPS.map((s, i) => (
            <li key={s} data-current={i === at} data-done={i < at}>
              {t(`claim.resize.state.${s}`)}
            </li>
          ))}
          <li>{t('claim.resize.state.none')}</li>
        </ol>
      )}
      {steps.length > 0 && (
        <>
          <h3 className="container__name">{t('claim.resize.reported')}</h3>
          <ol className="resize-history" data-testid="claim-resize-steps">
            {steps.map((s) => (
              <li key={s.reason} data-reason={s.reason} className={s.type === 'Warning' ? 'tone tone--bad' : undefined}>
                <span className="mono">{s.reason}</span> — {t(`claim.resize.step.${s.reason}`)}
                {s.at && (
                  <span className="muted">
                    {' '}
                    (<Age since={s.at} />)
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {r.conditions.length > 0 && (
        <table className="grid" data-testid="claim-conditions">
          <thead>
            <tr>
              <th>{t('claim.col.condition')}</th>
              <th>{t('claim.col.status')}</th>
              <th>{t('claim.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {r.conditions.map((c) => (
              <tr key={c.type}>
                <td className="mono">{c.type}</td>
                <td>{c.status}</td>
                <td>{[c.reason, c.message].filter(Boolean).join(': ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
