/**
 * A proxied upgrade after the 101 (a websocket, or a raw SPDY/3.1 connection from older
 * kubectl and client-go): bytes flow both ways untouched, with no idle timeout.
 * On shutdown a websocket client gets a close frame 1001 (going away) instead of a dropped
 * connection (1006, which kubectl and the terminal report as a network error). A SPDY client
 * gets the end of the TCP connection (FIN) after the last whole frame: the proxy parses no SPDY
 * beyond frame lengths, and a GOAWAY must name the last stream the API server accepted, which
 * only the API server knows; spdystream treats the FIN as the connection's end either way.
 *
 * The close frame may only go between two frames of the upstream's stream: written in the
 * middle of a relayed frame, its bytes would be read as that frame's payload and corrupt the
 * session. Rather than buffering, the downstream direction is relayed through a frame-header
 * tracker (messageBoundary.ts), which costs a few comparisons per chunk: on shutdown the rest
 * of the frame in flight is relayed, the upstream is dropped, and only then is the close frame
 * written. If the upstream had already sent its own close frame, none is added.
 */
import type { Duplex } from 'node:stream';
import { boundedRelay } from './boundedRelay.ts';
import { spdyFrames, websocketFrames, type MessageBoundary } from './messageBoundary.ts';

/** Unmasked (server → client) close frame, payload = status code 1001 going away. */
const GOING_AWAY_FRAME = Buffer.from([0x88, 0x02, 0x03, 0xe9]);
/** How long the frame in flight may take to complete before the connection is cut instead. */
const FRAME_WAIT_MS = 2_000;
/** How long the client may take to answer the close frame (or the upstream the client's FIN) before the sockets are destroyed. */
const CLOSE_WAIT_MS = 1_000;

export interface UpgradedSession {
  /** Shutdown: close frame 1001 (websocket) or FIN (SPDY) to the client, upstream dropped. Resolves once both sockets are gone. */
  goAway(): Promise<void>;
}

/** How the protocol after the 101 is framed, and how it says goodbye. */
export interface UpgradedFraming {
  /** Follows the upstream's frames; `onUpstreamClose` hears it end the session in-band. */
  boundary(onUpstreamClose: () => void): MessageBoundary;
  /** Written to the client between two frames on shutdown, unless the upstream already closed in-band. */
  goingAway?: Buffer;
}

export const WEBSOCKET_FRAMING: UpgradedFraming = { boundary: (onClose) => websocketFrames(onClose), goingAway: GOING_AWAY_FRAME };
export const SPDY_FRAMING: UpgradedFraming = { boundary: () => spdyFrames() };

/** `upHead`: bytes the API server sent along with its 101; `head`: bytes the client sent after its request. */
export function joinUpgraded(client: Duplex, upstream: Duplex, upHead: Buffer, head: Buffer, framing: UpgradedFraming, onEnd: () => void): UpgradedSession {
  let upstreamSentClose = false;
  const down = boundedRelay(upstream, client, framing.boundary(() => (upstreamSentClose = true)));
  let ended = false;
  let goingAway = false;
  let resolveEnded: () => void;
  const done = new Promise<void>((r) => (resolveEnded = r));
  let closeTimer: NodeJS.Timeout | undefined;

  const finish = () => {
    if (ended) return;
    ended = true;
    clearTimeout(closeTimer);
    client.destroy();
    upstream.destroy();
    onEnd();
    resolveEnded();
  };
  /** Flush what was written to the client, send FIN, and give it a moment to close its side. */
  const endClient = () => {
    client.end();
    closeTimer ??= setTimeout(finish, CLOSE_WAIT_MS);
  };

  if (upHead.length) down.push(upHead);
  if (head.length) upstream.write(head);
  client.pipe(upstream);
  // The API server ended the session (exit status, then its close frame): pass the end on.
  upstream.on('end', () => {
    if (!goingAway) endClient();
  });
  upstream.on('close', () => {
    if (!goingAway) endClient();
  });
  // The client's FIN: the upstream hears it and has CLOSE_WAIT_MS to finish, then the session
  // ends whether or not it did. kube-apiserver's upgrade proxy also ends both halves once one is
  // done; an upstream that waits for more (the demo cluster after kubectl port-forward stops)
  // would otherwise hold the session forever.
  client.on('end', () => {
    if (goingAway) return;
    upstream.end();
    closeTimer ??= setTimeout(finish, CLOSE_WAIT_MS);
  });
  client.on('close', finish);
  client.on('error', finish);
  upstream.on('error', () => {
    if (!goingAway) finish();
  });

  return {
    goAway() {
      if (ended || goingAway) return done;
      goingAway = true;
      // The client's frames (its answer to a close frame included) are read and dropped from now on.
      client.unpipe(upstream);
      client.resume();
      void down.stop(FRAME_WAIT_MS).then((atBoundary) => {
        upstream.destroy();
        if (!atBoundary || !client.writable) return finish();
        if (framing.goingAway && !upstreamSentClose) client.write(framing.goingAway);
        endClient();
      });
      return done;
    },
  };
}
