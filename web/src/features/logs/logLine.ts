/**
 * Log lines as the API server sends them with `timestamps=true` (`2026-01-01T00:00:00.123456789Z text`),
 * the query of a log request, and the resume point after a dropped stream.
 */
export interface LogLine {
  /** Which stream (pod/container) it came from. */
  source: string;
  /** RFC3339 timestamp as sent (nanoseconds kept for ordering and resuming). */
  ts: string;
  text: string;
  /** Arrival order, to keep the order stable among equal timestamps. */
  seq: number;
}

export function parseLogLine(raw: string): { ts: string; text: string } {
  const space = raw.indexOf(' ');
  const ts = space > 0 ? raw.slice(0, space) : '';
  if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(ts)) return { ts, text: raw.slice(space + 1) };
  return { ts: '', text: raw };
}

export interface LogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** Resume point: only lines at or after this time. */
  sinceTime?: string;
}

export function logQuery(o: LogOptions): string {
  const q = new URLSearchParams({ container: o.container, timestamps: 'true' });
  if (o.previous) q.set('previous', 'true');
  else if (o.follow) q.set('follow', 'true');
  if (o.sinceTime) q.set('sinceTime', o.sinceTime);
  else {
    if (o.tailLines !== undefined) q.set('tailLines', String(o.tailLines));
    if (o.sinceSeconds !== undefined) q.set('sinceSeconds', String(o.sinceSeconds));
  }
  return q.toString();
}

/**
 * After a resume with sinceTime the server repeats lines of that same second or instant; the
 * ones already shown (same timestamp and text as the tail of what we have) are dropped.
 */
export function withoutRepeats(have: readonly { ts: string; text: string }[], incoming: readonly { ts: string; text: string }[], resumeTs: string | undefined): { ts: string; text: string }[] {
  if (!resumeTs) return [...incoming];
  const seen = new Set(have.filter((l) => l.ts >= resumeTs).map((l) => `${l.ts} ${l.text}`));
  return incoming.filter((l) => !(l.ts <= resumeTs && seen.has(`${l.ts} ${l.text}`)) && !(l.ts < resumeTs));
}

/** Splits `text` around case-insensitive matches of `needle`, for highlighting. */
export function splitMatches(text: string, needle: string): { text: string; match: boolean }[] {
  if (!needle) return [{ text, match: false }];
  const out: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + n.length)) {
    if (i > at) out.push({ text: text.slice(at, i), match: false });
    out.push({ text: text.slice(i, i + n.length), match: true });
    at = i + n.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}
