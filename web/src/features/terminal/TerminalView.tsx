/**
 * One terminal: an xterm bound to one exec/attach session. It fits its box (and tells the
 * container the new size), follows the theme, searches the scrollback, copies and pastes, shows
 * why the session ended and reconnects on demand. Unmounting or leaving the page closes the
 * session properly (stdin close, then close frame) so no shell is left running in the pod.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import '@xterm/xterm/css/xterm.css';
import { useToast } from '../../components/Toasts.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { openExecChannel, type ExecChannel } from './execChannel.ts';
import type { SessionEnd } from './sessionEnd.ts';
import { describeEnd } from './sessionMessage.ts';
import { streamSocketUrl, type StreamRequest } from './streamUrl.ts';
import { DARK_THEME, LIGHT_THEME } from './xtermTheme.ts';

type Phase = { kind: 'connecting' } | { kind: 'open'; protocol: string } | { kind: 'ended'; end: SessionEnd };

export interface TerminalViewProps {
  request: StreamRequest;
  active: boolean;
  dark: boolean;
  fontSize: number;
}

export function TerminalView({ request, active, dark, fontSize }: TerminalViewProps) {
  const t = useT();
  const toast = useToast();
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | undefined>(undefined);
  const fit = useRef<FitAddon | undefined>(undefined);
  const search = useRef<SearchAddon | undefined>(undefined);
  const channel = useRef<ExecChannel | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [query, setQuery] = useState('');

  const connect = useCallback(() => {
    const xterm = term.current;
    if (!xterm) return;
    channel.current?.close();
    setPhase({ kind: 'connecting' });
    const ch = openExecChannel({
      url: streamSocketUrl(request, window.location),
      size: { cols: xterm.cols, rows: xterm.rows },
      onOpen: (protocol) => setPhase({ kind: 'open', protocol }),
      onOutput: (text) => xterm.write(text),
      onEnd: (end) => {
        if (channel.current === ch) setPhase({ kind: 'ended', end });
      },
    });
    channel.current = ch;
    // A kind: 'attach' session shows nothing until the process writes; a newline wakes a shell prompt.
    if (request.kind === 'attach') ch.write('\r');
  }, [request]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xterm = new Terminal({ fontSize, cursorBlink: true, scrollback: 5000, allowProposedApi: false, theme: dark ? DARK_THEME : LIGHT_THEME, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' });
    const fitAddon = new FitAddon();
    const searchAddon = new SearchAddon();
    xterm.loadAddon(fitAddon);
    xterm.loadAddon(searchAddon);
    xterm.open(el);
    term.current = xterm;
    fit.current = fitAddon;
    search.current = searchAddon;
    fitAddon.fit();
    // Ctrl+Shift+C copies the selection (plain Ctrl+C stays SIGINT for the shell).
    xterm.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyC' && xterm.hasSelection()) {
        void navigator.clipboard?.writeText(xterm.getSelection());
        return false;
      }
      return true;
    });
    const input = xterm.onData((data) => channel.current?.write(data));
    const resized = xterm.onResize(({ cols, rows }) => channel.current?.resize(cols, rows));
    const refit = () => {
      if (el.offsetWidth > 0 && el.offsetHeight > 0) fitAddon.fit();
    };
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    window.addEventListener('resize', refit);
    const leave = () => channel.current?.close();
    window.addEventListener('pagehide', leave);
    connect();
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('resize', refit);
      observer.disconnect();
      input.dispose();
      resized.dispose();
      channel.current?.close();
      channel.current = undefined;
      xterm.dispose();
      term.current = undefined;
    };
    // The xterm lives as long as the tab: a new theme or font size is applied below, since recreating it would end the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connect]);

  useEffect(() => {
    if (term.current) term.current.options.theme = dark ? DARK_THEME : LIGHT_THEME;
  }, [dark]);

  useEffect(() => {
    const xterm = term.current;
    if (!xterm) return;
    xterm.options.fontSize = fontSize;
    fit.current?.fit();
  }, [fontSize]);

  useEffect(() => {
    if (!active) return;
    fit.current?.fit();
    term.current?.focus();
  }, [active]);

  const copy = async () => {
    const text = term.current?.getSelection() ?? '';
    if (!text) return toast(t('terminal.nothingSelected'), 'info');
    try {
      await navigator.clipboard.writeText(text);
      toast(t('terminal.copied'), 'success');
    } catch (err) {
      toast(t('terminal.clipboardDenied', { message: (err as Error).message }), 'warning');
    }
  };
  const paste = async () => {
    try {
      const text = await navigator.clipboard.readText();
      if (text) term.current?.paste(text);
    } catch (err) {
      toast(t('terminal.clipboardDenied', { message: (err as Error).message }), 'warning');
    }
    term.current?.focus();
  };
  const find = (backwards: boolean) => {
    if (!query) return;
    if (backwards) search.current?.findPrevious(query);
    else search.current?.findNext(query);
  };

  const ended = phase.kind === 'ended' ? describeEnd(phase.end, t) : undefined;
  return (
    <div className="terminal-view" hidden={!active} data-testid="terminal-view" data-pod={request.pod} data-phase={phase.kind}>
      <div className="terminal-view__bar">
        <button type="button" onClick={() => void copy()}>
          {t('terminal.copy')}
        </button>
        <button type="button" onClick={() => void paste()}>
          {t('terminal.paste')}
        </button>
        <input
          type="search"
          className="terminal-view__search"
          aria-label={t('terminal.search')}
          placeholder={t('terminal.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && find(e.shiftKey)}
        />
        <button type="button" aria-label={t('terminal.searchPrev')} title={t('terminal.searchPrev')} onClick={() => find(true)}>
          ↑
        </button>
        <button type="button" aria-label={t('terminal.searchNext')} title={t('terminal.searchNext')} onClick={() => find(false)}>
          ↓
        </button>
        <span className="terminal-view__status muted" data-testid="terminal-phase">
          {phase.kind === 'connecting' ? t('terminal.connecting') : phase.kind === 'open' ? t('terminal.connected', { protocol: phase.protocol }) : ''}
        </span>
      </div>
      <div className="terminal-view__screen" ref={host} data-testid="terminal-screen" />
      {ended && (
        <div className={`terminal-view__end tone tone--${ended.tone}`} role="status" data-testid="terminal-status">
          <span>{ended.text}</span>
          {ended.reconnect && (
            <button type="button" onClick={connect} data-testid="terminal-reconnect">
              {t('terminal.reconnect')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
