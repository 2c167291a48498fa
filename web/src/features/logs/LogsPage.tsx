/**
 * Logs of a pod, or merged logs of every pod of a workload (a colour per pod): follow, previous
 * container, container picker, tail/since, timestamps, search with highlight, download. A dropped
 * stream says so and resumes from its last timestamp.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { viewPath } from '../../app/selection.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { WorkloadKind } from '../workloads/workloadApi.ts';
import { LogView, SOURCE_COLOURS } from './LogView.tsx';
import { useLogStreams, type LogSettings } from './useLogStreams.ts';
import { usePodSubjects, useWorkloadSubjects, type LogSubjects } from './useLogSubjects.ts';
import './logs.css';

const TAILS = [100, 500, 2000, -1];
const SINCES = [0, 300, 3600, 86400];

export function PodLogsPage() {
  const { context = '', ns = '', name = '' } = useParams();
  return <LogsPage context={context} ns={ns} name={name} kind="pods" subjects={usePodSubjects(context, ns, name)} />;
}

export function WorkloadLogsPage({ kind }: { kind: WorkloadKind }) {
  const { context = '', ns = '', name = '' } = useParams();
  return <LogsPage context={context} ns={ns} name={name} kind={kind} subjects={useWorkloadSubjects(context, kind, ns, name)} />;
}

export function LogsPage({ context, ns, name, kind, subjects }: { context: string; ns: string; name: string; kind: 'pods' | 'jobs' | WorkloadKind; subjects: LogSubjects }) {
  const t = useT();
  const [picked, setContainer] = useState<string>();
  const [tail, setTail] = useState(500);
  const [since, setSince] = useState(0);
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const [onlyMatching, setOnlyMatching] = useState(false);
  const container = picked && subjects.containers.includes(picked) ? picked : subjects.containers[0];
  const targets = useMemo(() => (container ? subjects.pods.map((pod) => ({ namespace: ns, pod, container })) : []), [subjects.pods, container, ns]);
  const settings: LogSettings = useMemo(
    () => ({ follow, previous, ...(tail >= 0 ? { tailLines: tail } : {}), ...(since > 0 ? { sinceSeconds: since } : {}) }),
    [follow, previous, tail, since],
  );
  const { lines, streams } = useLogStreams(context, targets, settings);
  const colourOf = useMemo(() => {
    const order = new Map(targets.map((tg, i) => [`${tg.pod}/${tg.container}`, i % SOURCE_COLOURS]));
    return (source: string) => order.get(source) ?? 0;
  }, [targets]);
  const download = () => {
    const text = lines.map((l) => `${targets.length > 1 ? `${l.source} ` : ''}${l.ts} ${l.text}`).join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    a.download = `${name}-${container ?? 'logs'}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const back = kind === 'pods' ? viewPath(context, `pods/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`) : viewPath(context, `${kind}/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`);

  return (
    <section className="page logs-page" data-testid="logs-page">
      <div className="page__bar">
        <h1 className="page__title">
          {t('logs.title')} · <Link to={back}>{name}</Link> <span className="muted">({ns})</span>
        </h1>
      </div>
      <div className="logs-bar">
        <label>
          {t('terminal.container')}
          <select value={container ?? ''} onChange={(e) => setContainer(e.target.value)} data-testid="log-container">
            {subjects.containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('logs.tail')}
          <select value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {TAILS.map((n) => (
              <option key={n} value={n}>
                {n < 0 ? t('logs.all') : n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('logs.since')}
          <select value={since} onChange={(e) => setSince(Number(e.target.value))}>
            {SINCES.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('logs.beginning') : t('logs.lastSeconds', { seconds: s })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={follow} disabled={previous} onChange={(e) => setFollow(e.target.checked)} /> {t('logs.follow')}
        </label>
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} data-testid="log-previous" /> {t('logs.previous')}
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} /> {t('logs.timestamps')}
        </label>
        <input type="search" value={search} placeholder={t('logs.search')} onChange={(e) => setSearch(e.target.value)} data-testid="log-search" />
        <label>
          <input type="checkbox" checked={onlyMatching} onChange={(e) => setOnlyMatching(e.target.checked)} /> {t('logs.onlyMatching')}
        </label>
        <button type="button" onClick={download} disabled={lines.length === 0}>
          {t('logs.download')}
        </button>
      </div>
      {subjects.error && <StatusMessage status={subjects.error} context={context} />}
      {!subjects.loading && targets.length === 0 && <p className="muted">{t('logs.noPods')}</p>}
      <div className="log-streams" aria-live="polite">
        {streams.map((s) => (
          <span key={s.source} className={`log-stream log-stream--${s.phase}`} data-testid="log-stream" data-phase={s.phase}>
            <span className={`log__source log__source--${colourOf(s.source)}`}>{s.source}</span> {t(`logs.phase.${s.phase}`)}
            {s.error && `: ${s.error.message}`}
          </span>
        ))}
      </div>
      <LogView lines={lines} colourOf={colourOf} showSource={targets.length > 1} timestamps={timestamps} search={search} onlyMatching={onlyMatching} />
    </section>
  );
}
