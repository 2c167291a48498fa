/** The last two lines of an overview's facts: labels as `k=v, …` and the object's age, ticking. */
import { useT } from '../i18n/I18nProvider.tsx';
import { Age } from './Age.tsx';

export function LabelsAndAgeFacts({ labels, creationTimestamp }: { labels: Record<string, string>; creationTimestamp: string }) {
  const t = useT();
  return (
    <>
      <dt>{t('detail.labels')}</dt>
      <dd className="mono">
        {Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '—'}
      </dd>
      <dt>{t('workloads.col.age')}</dt>
      <dd>
        <Age since={creationTimestamp} />
      </dd>
    </>
  );
}
