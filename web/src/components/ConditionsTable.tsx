/** An object's status conditions (their messages are the controllers' own words); a true ReplicaFailure reads as bad, other true conditions as fine. */
import { useT } from '../i18n/I18nProvider.tsx';
import { Raw } from '../i18n/PhraseText.tsx';

/** One entry of `status.conditions`, as every kind that has them shapes it. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export function ConditionsTable({ conditions }: { conditions: readonly Condition[] }) {
  const t = useT();
  if (conditions.length === 0) return null;
  return (
    <table className="grid" data-testid="conditions">
      <thead>
        <tr>
          <th>{t('detail.condition')}</th>
          <th>{t('detail.conditionStatus')}</th>
          <th>{t('events.col.reason')}</th>
          <th>{t('events.col.message')}</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type}>
            <td>{c.type}</td>
            <td className={`tone tone--${c.status === 'True' ? (c.type === 'ReplicaFailure' ? 'bad' : 'ok') : 'progress'}`}>{c.status}</td>
            <td>{c.reason}</td>
            <td>{c.message && <Raw>{c.message}</Raw>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
