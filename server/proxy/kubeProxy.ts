/**
 * `/k8s/{context}/…` → that context's API server, for plain requests (an Express handler) and
 * websocket upgrades (called from the HTTP server's `upgrade` event, registered at start-up so
 * the very first request may be a websocket — SEED-DIGEST §3).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { credentialsFor } from '../clusters/credentials.ts';
import { upstreamUrl } from '../clusters/kubeRequest.ts';
import type { ClusterContext, ClusterRegistry } from '../clusters/types.ts';
import { rejectUpgrade, sendStatus } from '../http/errors.ts';
import type { Logger } from '../http/log.ts';
import { pathOnly, requestId } from '../http/requestLog.ts';
import { relayHttp } from './httpProxy.ts';
import { isRefusal, parseProxyPath } from './proxyPath.ts';
import { relayUpgrade } from './upgradeProxy.ts';
import { unknownContext, unreachable, type ProxyRefusal } from './upstreamError.ts';

export interface KubeProxy {
  /** Mount at `{BASE}k8s`: req.url is then `/{context}/…`. */
  http: RequestHandler;
  /** `url` is the part after `{BASE}k8s` (`/{context}/…`). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: string): void;
  /** Open websocket sessions through the proxy. */
  sessions(): number;
  /** End every proxied websocket (shutdown). */
  close(): void;
}

type Resolved = { ctx: ClusterContext; path: string; search: string } | ProxyRefusal;

function resolve(clusters: ClusterRegistry, url: string): Resolved {
  const parsed = parseProxyPath(url);
  if (isRefusal(parsed)) return parsed;
  const ctx = clusters.get(parsed.context);
  if (!ctx) return unknownContext(parsed.context);
  return { ctx, path: parsed.path, search: parsed.search };
}

const isWebsocketUpgrade = (req: IncomingMessage) => req.method === 'GET' && String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';

export function createKubeProxy(clusters: ClusterRegistry, log: Logger): KubeProxy {
  const open = new Set<Duplex>();

  const http: RequestHandler = (req, res) => {
    const r = resolve(clusters, req.url);
    if ('code' in r) return sendStatus(res, r.code, r.reason, r.message);
    const creds = credentialsFor(r.ctx);
    const target = upstreamUrl(creds.server, r.path, r.search);
    creds.apply().then(
      (access) =>
        relayHttp(req, res, target, access, {
          onUnauthorized: () => creds.invalidate(),
          onUpstreamError: (err) => {
            const e = unreachable(r.ctx.name, creds.server, err);
            log.warn('api server unreachable', { id: requestId(req), context: r.ctx.name, err: e.message });
            sendStatus(res, e.code, e.reason, e.message);
          },
        }),
      (err: Error) => {
        const e = unreachable(r.ctx.name, creds.server, Object.assign(new Error(`credentials: ${err.message}`)));
        log.warn('credentials failed', { id: requestId(req), context: r.ctx.name, err: err.message });
        sendStatus(res, e.code, e.reason, e.message);
      },
    );
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, url: string) => {
    const id = requestId(req);
    const started = Date.now();
    const logLine = (status: number, extra: Record<string, unknown> = {}) =>
      log.info('request', { id, method: req.method, path: pathOnly(req.url), status, ms: Date.now() - started, upgrade: true, ...extra });
    const refuse = (e: ProxyRefusal) => {
      rejectUpgrade(socket, e.code, e.reason, e.message, { 'X-Request-Id': id });
      logLine(e.code);
    };
    if (!isWebsocketUpgrade(req)) {
      return refuse({ code: 400, reason: 'BadRequest', message: 'only GET requests with "Upgrade: websocket" can be upgraded' });
    }
    const r = resolve(clusters, url);
    if ('code' in r) return refuse(r);
    const creds = credentialsFor(r.ctx);
    const target = upstreamUrl(creds.server, r.path, r.search);
    creds.apply().then(
      (access) => {
        if (socket.destroyed) return;
        relayUpgrade(req, socket, head, target, access, {
          onUnauthorized: () => creds.invalidate(),
          onUpstreamError: (err) => refuse(unreachable(r.ctx.name, creds.server, err)),
          onOpen: () => {
            open.add(socket);
          },
          onEnd: (status) => {
            open.delete(socket);
            logLine(status);
          },
        });
      },
      (err: Error) => refuse(unreachable(r.ctx.name, creds.server, new Error(`credentials: ${err.message}`))),
    );
  };

  return {
    http,
    upgrade,
    sessions: () => open.size,
    close() {
      for (const s of open) s.destroy();
      open.clear();
    },
  };
}
