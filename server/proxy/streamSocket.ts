/** Sockets that carry long-lived streams (watches, log follows, terminals, port-forwards). */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** First TCP keep-alive probe after this much silence; the kernel's probe interval and count follow. */
const KEEPALIVE_MS = 30_000;

/**
 * No idle timeout (a terminal or a quiet watch may sit idle for hours), but TCP keep-alive so a
 * peer that vanished without a FIN (laptop closed, node gone) is noticed and the stream freed.
 */
export function tuneStreamSocket(socket: Duplex): void {
  const s = socket as Partial<Socket>;
  s.setTimeout?.(0);
  s.setNoDelay?.(true);
  s.setKeepAlive?.(true, KEEPALIVE_MS);
}
