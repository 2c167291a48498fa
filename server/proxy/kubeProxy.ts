/**
 * `/k8s/{context}/…` → that context's API server, for plain requests (an Express handler) and
 * websocket upgrades (called from the HTTP server's `upgrade` event, registered at start-up so
 * the very first request may be a websocket: http-proxy-middleware's `ws: true` alone only
 * subscribes after a first plain request).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { credentialsFor } from '../clusters/credentials.ts';
import { timeoutsOf, upstreamUrl } from '../clusters/kubeRequest.ts';
import { registryOf, type ClusterContext, type ClusterRegistry } from '../clusters/types.ts';
import { sendStatusOnSocket, sendStatus } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { pathOnly, requestId } from '../http/requestLog.ts';
import { relayHttp } from './httpProxy.ts';
import { isRefusal, parseProxyPath } from './proxyPath.ts';
import { isStreamingRequest } from './streamingRequest.ts';
import { upgradeKind } from './upgradeKind.ts';
import { relayUpgrade } from './upgradeProxy.ts';
import { noResponse, unknownContext, unreachable, type ProxyRefusal } from './upstreamError.ts';
import type { UpgradedSession } from './upgradedSession.ts';

export interface KubeProxy {
  /** Mount at `{BASE}k8s`: req.url is then `/{context}/…`. */
  http: RequestHandler;
  /** `url` is the part after `{BASE}k8s` (`/{context}/…`). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: string): void;
  /** Open upgraded sessions (websocket or SPDY) through the proxy. */
  sessions(): number;
  /**
   * Shutdown: websockets get a close frame 1001 (going away), SPDY connections a FIN after their
   * last whole frame, watches and log follows end
   * cleanly after their current event. Resolves when all of them are over.
   */
  close(): Promise<void>;
}

type Resolved = { ctx: ClusterContext; path: string; search: string } | ProxyRefusal;

function resolve(clusters: ClusterRegistry, url: string): Resolved {
  const parsed = parseProxyPath(url);
  if (isRefusal(parsed)) return parsed;
  const ctx = clusters.get(parsed.context);
  if (!ctx) return unknownContext(parsed.context);
  return { ctx, path: parsed.path, search: parsed.search };
}

/** `onUpgradeDone` hears how each upgrade ended (the audit log). */
export function createKubeProxy(clusters: ClusterRegistry, log: Logger, onUpgradeDone?: (req: IncomingMessage, status: number) => void): KubeProxy {
  const open = new Map<Duplex, UpgradedSession>();
  const streams = new Set<() => Promise<void>>();
  // Sessions and streams that open while shutting down (a keep-alive connection's last request) end at once.
  let shuttingDown = false;

  const http: RequestHandler = (req, res) => {
    const r = resolve(registryOf(req, clusters), req.url);
    if ('code' in r) return sendStatus(res, r.code, r.reason, r.message);
    const creds = credentialsFor(r.ctx);
    const target = upstreamUrl(creds.server, r.path, r.search);
    const timeouts = timeoutsOf(r.ctx);
    const refuse = (what: string, e: ProxyRefusal) => {
      log.warn(what, { id: requestId(req), context: r.ctx.name, err: e.message });
      sendStatus(res, e.code, e.reason, e.message);
    };
    creds.apply().then(
      (access) =>
        relayHttp(req, res, target, access, { timeouts, streaming: isStreamingRequest(r.path, r.search) }, {
          onUnauthorized: () => creds.invalidate(),
          onUpstreamError: (err) => refuse('api server unreachable', unreachable(r.ctx.name, creds.server, err)),
          onNoResponse: () => refuse('api server sent no response', noResponse(r.ctx.name, creds.server, timeouts.firstByteMs)),
          trackStream: (end) => {
            if (shuttingDown) void end();
            streams.add(end);
            return () => streams.delete(end);
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
    const logLine = (status: number, extra: Record<string, unknown> = {}) => {
      log.info('request', { id, method: req.method, path: pathOnly(req.url), status, ms: Date.now() - started, upgrade: true, ...extra });
      onUpgradeDone?.(req, status);
    };
    const refuse = (e: ProxyRefusal) => {
      sendStatusOnSocket(socket, e.code, e.reason, e.message, { 'X-Request-Id': id });
      logLine(e.code);
    };
    // Judged on the API path (after `/{context}`) before the context is looked up, as before.
    const kind = upgradeKind(req, pathOnly(url).replace(/^\/[^/]*/, ''));
    if (typeof kind !== 'string') return refuse(kind);
    const r = resolve(registryOf(req, clusters), url);
    if ('code' in r) return refuse(r);
    const creds = credentialsFor(r.ctx);
    const target = upstreamUrl(creds.server, r.path, r.search);
    creds.apply().then(
      (access) => {
        if (socket.destroyed) return;
        relayUpgrade(req, kind, socket, head, target, access, timeoutsOf(r.ctx).connectMs, {
          onUnauthorized: () => creds.invalidate(),
          onUpstreamError: (err) => refuse(unreachable(r.ctx.name, creds.server, err)),
          onOpen: (session) => {
            open.set(socket, session);
            if (shuttingDown) void session.goAway();
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
    async close() {
      shuttingDown = true;
      await Promise.all([...[...open.values()].map((s) => s.goAway()), ...[...streams].map((end) => end())]);
    },
  };
}
