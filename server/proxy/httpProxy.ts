/**
 * Plain HTTP through the proxy: request and response bodies are piped, never buffered or
 * compressed, so watches (`watch=1`) and log follows (`follow=true`) stream event by event.
 */
import http from 'node:http';
import https from 'node:https';
import type { Request, Response } from 'express';
import type { UpstreamAccess } from '../clusters/credentials.ts';
import { NO_STORE } from '../http/headers.ts';
import { relayedResponseHeaders, upstreamRequestHeaders } from './forwardHeaders.ts';
import { CONNECT_TIMEOUT_MS } from './upstreamError.ts';

export interface HttpRelayHooks {
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUnauthorized(): void;
}

export function upstreamUrl(server: URL, path: string, search: string): URL {
  const prefix = server.pathname.replace(/\/$/, '');
  return new URL(`${server.protocol}//${server.host}${prefix}${path}${search}`);
}

/** Connect with a deadline; once connected the socket may idle forever (watches, terminals). */
export function withConnectTimeout(req: http.ClientRequest): void {
  req.on('socket', (socket) => {
    socket.setNoDelay(true);
    if (!socket.connecting) return;
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no connection within ${CONNECT_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
}

export function relayHttp(req: Request, res: Response, target: URL, access: UpstreamAccess, hooks: HttpRelayHooks): void {
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, {
    method: req.method,
    agent: access.agent,
    headers: upstreamRequestHeaders(req.headers, target, access.headers, false),
  });
  withConnectTimeout(upstream);

  upstream.on('response', (upRes) => {
    if (upRes.statusCode === 401) hooks.onUnauthorized();
    for (const [name, value] of Object.entries(relayedResponseHeaders(upRes.headers))) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.setHeader('Cache-Control', NO_STORE);
    res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage);
    res.flushHeaders();
    upRes.pipe(res);
    upRes.on('error', () => res.destroy());
    upRes.on('aborted', () => res.destroy());
  });
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) res.destroy();
    else hooks.onUpstreamError(err);
  });
  // The client went away (tab closed, kubectl ^C): stop the upstream watch or log stream too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
