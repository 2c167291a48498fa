/**
 * Plain HTTP through the proxy: request and response bodies are piped, never buffered or
 * compressed, so watches (`watch=1`) and log follows (`follow=true`) stream event by event.
 */
import http from 'node:http';
import https from 'node:https';
import type { Request, Response } from 'express';
import type { UpstreamAccess } from '../clusters/credentials.ts';
import { NO_STORE } from '../http/headers.ts';
import { withConnectTimeout } from '../clusters/kubeRequest.ts';
import { relayedResponseHeaders, upstreamRequestHeaders } from './forwardHeaders.ts';

export interface HttpRelayHooks {
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUnauthorized(): void;
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
