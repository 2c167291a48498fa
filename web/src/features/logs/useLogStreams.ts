/**
 * Follows the logs of several containers at once (one pod, or every pod of a workload), merged
 * by time. A stream that ends while following is reported as dropped and resumed from the last
 * timestamp it delivered, without repeating lines.
 */
import { useEffect, useState } from 'react';
import type { StatusBody } from '../../api/apiError.ts';
import { withoutRepeats, type LogLine } from './logLine.ts';
import { logUrl, readLog, type LogTarget } from './logStream.ts';

export interface StreamState {
  source: string;
  phase: 'connecting' | 'live' | 'dropped' | 'ended' | 'failed';
  error?: StatusBody;
}

export interface LogSettings {
  follow: boolean;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
}

const MAX_LINES = 5000;
const RETRY_MS = 2000;

export const sourceOf = (t: LogTarget) => `${t.pod}/${t.container}`;

export function useLogStreams(context: string, targets: readonly LogTarget[], settings: LogSettings): { lines: LogLine[]; streams: StreamState[] } {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [streams, setStreams] = useState<StreamState[]>([]);
  const key = JSON.stringify([context, targets, settings]);

  useEffect(() => {
    // The inputs come back out of `key`: callers' fresh arrays each render do not restart the streams.
    const [context, targets, settings] = JSON.parse(key) as [string, LogTarget[], LogSettings];
    const abort = new AbortController();
    let seq = 0;
    let all: LogLine[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    setLines([]);
    setStreams(targets.map((t) => ({ source: sourceOf(t), phase: 'connecting' })));
    const setPhase = (source: string, phase: StreamState['phase'], error?: StatusBody) =>
      setStreams((list) => list.map((s) => (s.source === source ? { source, phase, ...(error ? { error } : {}) } : s)));
    // Lines arrive in bursts from several streams: render at most every 100 ms.
    const flush = () => {
      flushTimer = undefined;
      setLines(all);
    };
    const add = (source: string, incoming: { ts: string; text: string }[], resumeTs: string | undefined) => {
      const mine = resumeTs ? all.filter((l) => l.source === source) : [];
      const fresh = withoutRepeats(mine, incoming, resumeTs).map((l) => ({ ...l, source, seq: seq++ }));
      if (!fresh.length) return;
      const merged = [...all, ...fresh].sort((a, b) => (a.ts === b.ts ? a.seq - b.seq : a.ts < b.ts ? -1 : 1));
      all = merged.length > MAX_LINES ? merged.slice(merged.length - MAX_LINES) : merged;
      flushTimer ??= setTimeout(flush, 100);
    };

    const run = async (t: LogTarget, resumeTs?: string) => {
      const source = sourceOf(t);
      let last = resumeTs;
      const url = logUrl(context, t, { ...settings, ...(resumeTs ? { sinceTime: resumeTs } : {}) });
      const end = await readLog(
        url,
        (batch) => {
          add(source, batch, resumeTs);
          const stamp = batch.at(-1)?.ts;
          if (stamp) last = stamp;
        },
        abort.signal,
        () => setPhase(source, 'live'),
      );
      if (end.kind === 'aborted') return;
      if (end.kind === 'failed') {
        setPhase(source, 'failed', end.status);
        return;
      }
      if (!settings.follow || settings.previous) return setPhase(source, 'ended');
      // A following stream that ends: the connection dropped or the container restarted. Resume.
      setPhase(source, 'dropped');
      const timer = setTimeout(() => {
        timers.delete(timer);
        void run(t, last);
      }, RETRY_MS);
      timers.add(timer);
    };
    for (const t of targets) void run(t);
    return () => {
      abort.abort();
      clearTimeout(flushTimer);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [key]);

  return { lines, streams };
}
