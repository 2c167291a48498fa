/**
 * Why an exec/attach session ended, from what came on channel 3 and how the socket closed.
 * v4/v5 write a Status without kind/apiVersion: `Success`, or `Failure` with reason
 * `NonZeroExitCode` and a cause `{reason: "ExitCode", message: "3"}`, or another Failure
 * (InternalError: "executable file not found", ...).
 */
export type SessionEnd =
  /** The process exited; `code` 0 on Success. */
  | { kind: 'exited'; code: number }
  /** The API server reported a failure other than an exit code. */
  | { kind: 'failed'; message: string; reason?: string }
  /** We closed it (tab closed, user closed, navigated away). */
  | { kind: 'closed' }
  /** The connection went away without an exit status: show why and offer to reconnect. */
  | { kind: 'dropped'; code: number; reason: string; opened: boolean };

interface StatusCause {
  reason?: string;
  message?: string;
}
interface ExitStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: StatusCause[] };
}

/** The exit code or failure message of a channel-3 status; undefined when it is not one. */
export function parseExitStatus(text: string): SessionEnd | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  let s: ExitStatus;
  try {
    s = JSON.parse(trimmed) as ExitStatus;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    // v1–v3 write a plain message; we never offer them, but a message is still a message.
    return { kind: 'failed', message: trimmed };
  }
  if (s.status === 'Success') return { kind: 'exited', code: 0 };
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { kind: 'exited', code };
  }
  return { kind: 'failed', message: s.message ?? trimmed, reason: s.reason };
}

export function exitOf(seen: { status: string; closedByUs: boolean; code: number; reason: string; opened: boolean }): SessionEnd {
  const fromStatus = parseExitStatus(seen.status);
  if (fromStatus) return fromStatus;
  if (seen.closedByUs) return { kind: 'closed' };
  return { kind: 'dropped', code: seen.code, reason: seen.reason, opened: seen.opened };
}
