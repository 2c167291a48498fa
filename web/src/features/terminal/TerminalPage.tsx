/**
 * `/c/:context/terminal?ns=NS&pod=P&container=C[&command=…][&mode=attach][&workload=Deployment/web]`:
 * a picker and several terminals in tabs. A deep link naming a pod opens its terminal at once;
 * one naming a workload lists that workload's pods to pick from. Loaded lazily (xterm is big).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useT } from '../../i18n/I18nProvider.tsx';
import { terminalArgv } from './shellCommand.ts';
import type { StreamRequest } from './streamUrl.ts';
import { TargetPicker, type PickedTarget } from './TargetPicker.tsx';
import { TerminalView } from './TerminalView.tsx';
import { usePrefersDark } from './xtermTheme.ts';
import './terminal.css';

interface Tab {
  id: number;
  title: string;
  request: StreamRequest;
}

const FONT_KEY = 'console.terminal.fontSize';
const FONT_SIZES = { min: 9, max: 28, initial: 14 };

function savedFontSize(): number {
  try {
    const n = Number(localStorage.getItem(FONT_KEY));
    if (n >= FONT_SIZES.min && n <= FONT_SIZES.max) return n;
  } catch (err) {
    if (!(err instanceof DOMException)) throw err;
    // Storage disabled: the default size.
  }
  return FONT_SIZES.initial;
}

export function TerminalPage() {
  const t = useT();
  const context = useParams().context ?? '';
  const [params, setParams] = useSearchParams();
  const dark = usePrefersDark();
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [active, setActive] = useState<number | undefined>();
  const [fontSize, setFontSize] = useState(savedFontSize);
  const nextId = useRef(1);
  // A deep link naming a pod opens it once, as soon as the page is shown (not again when the picker rewrites the URL).
  const linked = useRef(false);

  const open = useCallback(
    (target: PickedTarget, fromLink = false) => {
      const id = nextId.current++;
      linked.current = true;
      const base = { context, namespace: target.namespace, pod: target.pod, container: target.container };
      const request: StreamRequest = target.mode === 'attach' ? { ...base, kind: 'attach' } : { ...base, kind: 'exec', argv: terminalArgv(target.command) };
      setTabs((list) => [...list, { id, title: `${target.pod}/${target.container}`, request }]);
      setActive(id);
      if (!fromLink) {
        const next = new URLSearchParams({ ns: target.namespace, pod: target.pod, container: target.container });
        if (target.command) next.set('command', target.command);
        if (target.mode === 'attach') next.set('mode', 'attach');
        setParams(next, { replace: true });
      }
    },
    [context, setParams],
  );

  useEffect(() => {
    const pod = params.get('pod');
    const container = params.get('container');
    if (linked.current || !pod || !container) return;
    linked.current = true;
    open({ namespace: params.get('ns') ?? 'default', pod, container, mode: params.get('mode') === 'attach' ? 'attach' : 'exec', command: params.get('command') ?? '' }, true);
  }, [params, open]);

  const close = (id: number) => {
    setTabs((list) => {
      const rest = list.filter((tab) => tab.id !== id);
      if (active === id) setActive(rest.at(-1)?.id);
      return rest;
    });
  };
  const changeFont = (delta: number) => {
    const size = Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, fontSize + delta));
    setFontSize(size);
    try {
      localStorage.setItem(FONT_KEY, String(size));
    } catch (err) {
      if (!(err instanceof DOMException)) throw err;
      // Not remembered; still applied.
    }
  };

  return (
    <section className="page terminal-page" aria-labelledby="terminal-title">
      <div className="page__bar">
        <h1 id="terminal-title" className="page__title">
          {t('terminal.title')}
        </h1>
        <div className="terminal-page__font" role="group" aria-label={t('terminal.fontSize', { size: fontSize })}>
          <button type="button" aria-label={t('terminal.fontSmaller')} title={t('terminal.fontSmaller')} onClick={() => changeFont(-1)}>
            A−
          </button>
          <span className="muted" data-testid="terminal-font-size">
            {fontSize}px
          </span>
          <button type="button" aria-label={t('terminal.fontLarger')} title={t('terminal.fontLarger')} onClick={() => changeFont(1)}>
            A+
          </button>
        </div>
      </div>
      <TargetPicker
        context={context}
        initial={{
          namespace: params.get('ns')?.split(',')[0] || undefined,
          pod: params.get('pod') ?? undefined,
          container: params.get('container') ?? undefined,
          workload: params.get('workload') ?? undefined,
          mode: params.get('mode') === 'attach' ? 'attach' : 'exec',
          command: params.get('command') ?? undefined,
        }}
        onOpen={open}
        autoOpen={!!params.get('pod') && !params.get('container') && tabs.length === 0}
      />
      {tabs.length === 0 ? (
        <p className="muted">{t('terminal.empty')}</p>
      ) : (
        <div className="terminal-tabs" role="tablist" aria-label={t('terminal.tabs')}>
          {tabs.map((tab) => (
            <div key={tab.id} className={`terminal-tabs__tab${tab.id === active ? ' terminal-tabs__tab--active' : ''}`}>
              <button type="button" role="tab" aria-selected={tab.id === active} onClick={() => setActive(tab.id)} className="mono">
                {tab.title}
              </button>
              <button type="button" aria-label={t('terminal.closeTab', { name: tab.title })} onClick={() => close(tab.id)} data-testid="terminal-close">
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {tabs.map((tab) => (
        <TerminalView key={tab.id} request={tab.request} active={tab.id === active} dark={dark} fontSize={fontSize} />
      ))}
    </section>
  );
}
