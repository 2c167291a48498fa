/** Events about an object (and its ReplicaSets and pods), live from the events view of its namespace; messages are the cluster's words. */
import { useMemo } from 'react';
import type { EventRow } from '../../../server/views/events/eventRow.ts';
import { useLiveList } from '../api/live.ts';
import { Age } from './Age.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { Raw } from '../i18n/PhraseText.tsx';

/** `names`: `Kind/name` of every object whose events belong here. */
export function EventsSection({ context, namespace, names }: { context: string; namespace: string; names: readonly string[] }) {
  const t = useT();
  const list = useLiveList<EventRow>('events', context, [namespace]);
  const wanted = useMemo(() => new Set(names), [names]);
  const events = useMemo(
    () => list.rows.filter((e) => wanted.has(`${e.object.kind}/${e.object.name}`)).sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '')),
    [list.rows, wanted],
  );
  return (
    <section className="panel" aria-labelledby="events-section-title">
      <h2 id="events-section-title" className="panel__title">
        {t('events.title')}
      </h2>
      {events.length === 0 ? (
        <p className="muted">{list.status === 'loading' ? t('table.loading') : t('events.none')}</p>
      ) : (
        <table className="grid" data-testid="object-events">
          <thead>
            <tr>
              <th>{t('events.col.lastSeen')}</th>
              <th>{t('events.col.type')}</th>
              <th>{t('events.col.reason')}</th>
              <th>{t('events.col.object')}</th>
              <th>{t('events.col.message')}</th>
              <th>{t('events.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, 100).map((e) => (
              <tr key={e.key}>
                <td>
                  <Age since={e.lastSeen} />
                </td>
                <td className={`tone tone--${e.type === 'Warning' ? 'bad' : 'muted'}`}>{e.type}</td>
                <td>{e.reason}</td>
                <td className="mono">{`${e.object.kind.toLowerCase()}/${e.object.name}`}</td>
                <td>
                  <Raw>{e.message}</Raw>
                </td>
                <td>{e.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
