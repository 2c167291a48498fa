/**
 * One log stream through the console's Kubernetes proxy, read with fetch streaming: lines as
 * they arrive, then how it ended (the container stopped, the connection dropped, or an error Status).
 */
import { ApiError, isStatusBody, syntheticStatus, type StatusBody } from '../../api/apiError.ts';
import { k8sUrl } from '../../api/urls.ts';
import { logQuery, parseLogLine, type LogOptions } from './logLine.ts';

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

export type StreamEnd = { kind: 'ended' } | { kind: 'aborted' } | { kind: 'failed'; status: StatusBody };

export function logUrl(context: string, t: LogTarget, o: Omit<LogOptions, 'container'>): string {
  return k8sUrl(context, `api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/log?${logQuery({ ...o, container: t.container })}`);
}

export async function readLog(url: string, onLines: (lines: { ts: string; text: string }[]) => void, signal: AbortSignal, onOpen?: () => void): Promise<StreamEnd> {
  let res: Response;
  try {
    res = await fetch(url, { signal, credentials: 'same-origin', headers: { Accept: 'text/plain, application/json' } });
  } catch (err) {
    if (signal.aborted) return { kind: 'aborted' };
    return { kind: 'failed', status: syntheticStatus(0, err instanceof Error ? err.message : String(err), 'NetworkError') };
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      parsed = undefined;
    }
    return { kind: 'failed', status: isStatusBody(parsed) ? parsed : new ApiError(syntheticStatus(res.status, text.slice(0, 300) || res.statusText)).status };
  }
  onOpen?.();
  const reader = res.body?.getReader();
  if (!reader) return { kind: 'ended' };
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      if (parts.length) onLines(parts.map(parseLogLine));
    }
  } catch (err) {
    if (signal.aborted) return { kind: 'aborted' };
    // fetch's word for a body cut off mid-stream; anything else (a throwing onLines) is a bug.
    if (!(err instanceof TypeError)) throw err;
    return { kind: 'ended' };
  }
  if (rest) onLines([parseLogLine(rest)]);
  return { kind: 'ended' };
}
