/**
 * Relays one direction of a proxied stream chunk by chunk (with backpressure, like pipe) while
 * a MessageBoundary follows the framing, so that it can be stopped between two messages.
 */
import type { Readable, Writable } from 'node:stream';
import type { MessageBoundary } from './messageBoundary.ts';

export interface BoundedRelay {
  /** Relays bytes that arrived outside the stream (an upgrade's head), in order. */
  push(chunk: Buffer): void;
  /**
   * Relays what is left of the message in flight, then stops relaying. Resolves true at a
   * boundary, false when the message did not complete within `waitMs` (the peer stalled);
   * either way nothing more is relayed.
   */
  stop(waitMs: number): Promise<boolean>;
}

export function boundedRelay(from: Readable, to: Writable, boundary: MessageBoundary): BoundedRelay {
  let stopping: ((clean: boolean) => void) | undefined;
  let stopped: Promise<boolean> | undefined;
  const resume = () => from.resume();
  const detach = () => {
    from.off('data', onData);
    to.off('drain', resume);
  };
  function onData(chunk: Buffer): void {
    if (!stopping) {
      boundary.consume(chunk, false);
      if (!to.write(chunk)) from.pause();
      return;
    }
    const n = boundary.consume(chunk, true);
    if (n > 0) to.write(chunk.subarray(0, n));
    if (boundary.atBoundary()) stopping(true);
  }
  from.on('data', onData);
  to.on('drain', resume);

  return {
    push: onData,
    stop(waitMs) {
      return (stopped ??= new Promise((resolve) => {
        const timer = setTimeout(() => settle(false), waitMs);
        const settle = (clean: boolean) => {
          clearTimeout(timer);
          detach();
          from.pause();
          resolve(clean);
        };
        stopping = settle;
        if (boundary.atBoundary()) return settle(true);
        // The rest of the message must arrive even if the client was slow to read.
        from.resume();
      }));
    },
  };
}
