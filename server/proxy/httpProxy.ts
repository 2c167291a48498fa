/**
 * Plain HTTP through the proxy: request and response bodies are piped, never buffered or
 * compressed, so watches (`watch=1`) and log follows (`follow=true`) stream event by event.
 * Streams have no deadline once open; everything else must see response headers in time.
 */
import http from 'node:http';
import https from 'node:https';
import type { Request, Response } from 'express';
import type { UpstreamAccess } from '../clusters/credentials.ts';
import { withConnectTimeout } from '../clusters/kubeRequest.ts';
import type { RequestTimeouts } from '../clusters/types.ts';
import { NO_STORE } from '../http/headers.ts';
import { boundedRelay } from './boundedRelay.ts';
import { relayedResponseHeaders, upstreamRequestHeaders } from './forwardHeaders.ts';
import { boundaryFor } from './messageBoundary.ts';
import { proxiedContentHeaders } from './proxiedContent.ts';
import { tuneStreamSocket } from './streamSocket.ts';

/** On shutdown, how long the event or line in flight may take to complete before the stream is cut. */
const MESSAGE_WAIT_MS = 2_000;

export interface HttpRelayHooks {
  onUpstreamError(err: NodeJS.ErrnoException): void;
  /** The API server sent no response headers within `firstByteMs`. */
  onNoResponse(): void;
  onUnauthorized(): void;
  /** A stream started; `end` finishes it cleanly (shutdown). Returns the call that forgets it. */
  trackStream(end: () => Promise<void>): () => void;
}

export interface HttpRelayOptions {
  timeouts: RequestTimeouts;
  /** A watch or log follow (streamingRequest.ts): no first-byte deadline, TCP keep-alive. */
  streaming: boolean;
}

/**
 * The clock starts once the request is connected and fully sent, so a slow upload or a busy
 * pool does not count against the API server (the connect deadline covers connecting).
 */
function firstByteDeadline(upstream: http.ClientRequest, ms: number, onExpired: () => void): void {
  let connected = false;
  let sent = false;
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    if (connected && sent && !timer) timer = setTimeout(onExpired, ms);
  };
  upstream.once('socket', (socket) => {
    if (!socket.connecting) connected = true;
    else socket.once('connect', () => ((connected = true), start()));
    start();
  });
  upstream.once('finish', () => ((sent = true), start()));
  const stop = () => clearTimeout(timer);
  upstream.once('response', stop);
  upstream.once('close', stop);
}

export function relayHttp(req: Request, res: Response, target: URL, access: UpstreamAccess, opts: HttpRelayOptions, hooks: HttpRelayHooks): void {
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  if (opts.streaming) tuneStreamSocket(req.socket);
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, {
    method: req.method,
    agent: access.agent,
    headers: upstreamRequestHeaders(req.headers, target, access.headers),
  });
  withConnectTimeout(upstream, opts.timeouts.connectMs);
  let timedOut = false;
  if (opts.streaming) upstream.once('socket', tuneStreamSocket);
  else
    firstByteDeadline(upstream, opts.timeouts.firstByteMs, () => {
      timedOut = true;
      upstream.destroy(Object.assign(new Error(`no response within ${opts.timeouts.firstByteMs / 1000} s`), { code: 'ETIMEDOUT' }));
    });
  // Set while shutdown ends a stream on purpose: the upstream's end is then not the client's.
  let stopping = false;

  upstream.on('response', (upRes) => {
    if (upRes.statusCode === 401) hooks.onUnauthorized();
    // Added to the relayed object, not spread with it into a new one: on V8 that copy alone took
    // longer than filtering the headers.
    const headers = relayedResponseHeaders(upRes.headers);
    const content = proxiedContentHeaders(upRes.headers['content-type']);
    for (const name in content) headers[name] = content[name];
    headers['cache-control'] = NO_STORE;
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage);
    // A stream's client must see the headers before the first event; any other answer sends its
    // headers with its first body bytes (one write, not two: a separate header packet cost a
    // round of Nagle/delayed-ACK on small GETs, as kubectl proxy's does not).
    if (opts.streaming) res.flushHeaders();
    const cut = () => {
      if (!stopping) res.destroy();
    };
    upRes.on('error', cut);
    upRes.on('aborted', cut);
    if (!opts.streaming) {
      upRes.pipe(res);
      return;
    }
    const relay = boundedRelay(upRes, res, boundaryFor(upRes.headers['content-type']));
    upRes.on('end', () => {
      if (!stopping) res.end();
    });
    // As the API server ends a watch whose timeout expired: after a whole event, with the last chunk.
    const forget = hooks.trackStream(async () => {
      stopping = true;
      const atBoundary = await relay.stop(MESSAGE_WAIT_MS);
      upstream.destroy();
      if (atBoundary) res.end();
      else res.destroy();
    });
    res.once('close', forget);
  });
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (stopping) return;
    if (res.headersSent) res.destroy();
    else if (timedOut) hooks.onNoResponse();
    else hooks.onUpstreamError(err);
  });
  // The client went away (tab closed, kubectl ^C): stop the upstream watch or log stream too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  // A GET, watch or bodiless DELETE sends its headers at once instead of after the pipe's end
  // event a tick later; a body streams through.
  if (hasNoBody(req)) upstream.end();
  else req.pipe(upstream);
}

/** As Node's parser decides: a request body needs Content-Length > 0 or Transfer-Encoding. */
function hasNoBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0') && req.complete;
}
