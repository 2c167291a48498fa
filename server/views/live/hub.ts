import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { registryOf, type ClusterRegistry } from '../../clusters/types.ts';
import type { Logger } from '../../log.ts';
import { defaultTiming, type InformerTiming } from '../cache/informer.ts';
import { InformerPool } from '../cache/informerPool.ts';
import { failureStatus } from '../../clusters/kubeStatus.ts';
import { LiveConnection } from './connection.ts';
import { findView } from '../registry.ts';
import type { PageView } from './pageView.ts';
import { leaseViewInformers, type ViewLeases } from './viewLeases.ts';

export interface LiveHubOptions {
  /** How long an informer outlives its last subscriber (default 30 s: a reload keeps it warm). */
  graceMs?: number;
  /** Delta batching window per subscription (default 100 ms). */
  flushMs?: number;
  /** Server ping interval; a socket that missed one ping is dropped (default 25 s, under nginx's 60 s idle timeout). */
  pingMs?: number;
  /** Queued bytes above which a socket is congested and its deltas coalesce (default 1 MiB). */
  highWaterBytes?: number;
  maxSubscriptions?: number;
  /** List/watch timing (tests shorten watch timeouts and backoff). */
  timing?: Partial<InformerTiming>;
  /** How long a page's warm-up holds its informers for the page's own subscription (default 10 s). */
  warmHoldMs?: number;
}

export interface LiveHubStats {
  sockets: number;
  informers: number;
  subscriptions: number;
  /** Page warm-ups holding informers for a subscription yet to come. */
  warming: number;
}

export interface LiveHub {
  /** Take over an upgrade of `GET {BASE}/api/live` (Host and Origin already checked by the app). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Close every socket with `code` (1001 on shutdown), stop every informer. */
  close(code?: number): Promise<void>;
  /**
   * Start the informers a page is about to subscribe to, as the user the request acts as (its
   * registry attached by the sign-in check), and hold them a little while for that subscription.
   * Never waits and never answers: a page that never subscribes just lets them go again.
   */
  warm(req: IncomingMessage, page: PageView): void;
  stats(): LiveHubStats;
}

/** Client messages are small JSON commands; anything bigger is not one. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const CLOSE_WAIT_MS = 2000;
/** Warm-ups held at once; more pages loading at the same instant just load as before. */
const MAX_WARMING = 32;

/**
 * The `/api/live` channel: one websocket per browser tab multiplexing view
 * subscriptions over informer caches shared per (context, resource). See protocol.ts.
 */
export function createLiveHub(clusters: ClusterRegistry, log: Logger, options: LiveHubOptions = {}): LiveHub {
  const serverId = randomUUID();
  const pool = new InformerPool(log, options.graceMs ?? 30_000, { ...defaultTiming, ...options.timing });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: false });
  const connections = new Map<WebSocket, LiveConnection>();
  const warming = new Map<NodeJS.Timeout, ViewLeases>();
  const warmHoldMs = options.warmHoldMs ?? 10_000;
  let closed = false;

  const deps = {
    clusters,
    pool,
    log,
    flushMs: options.flushMs ?? 100,
    highWaterBytes: options.highWaterBytes ?? 1024 * 1024,
    maxSubscriptions: options.maxSubscriptions ?? 100,
  };

  const heartbeat = setInterval(() => {
    for (const [ws, conn] of connections) {
      if (!conn.alive) {
        log.info('live socket missed a ping, dropping it');
        ws.terminate();
        continue;
      }
      conn.alive = false;
      ws.ping();
    }
  }, options.pingMs ?? 25_000);
  heartbeat.unref();

  function accept(ws: WebSocket, req: IncomingMessage): void {
    // Each connection acts through its own user's registry (the sign-in gate attached it).
    const conn = new LiveConnection(ws, { ...deps, clusters: registryOf(req, clusters) });
    connections.set(ws, conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return conn.send({ type: 'error', status: failureStatus(400, 'BadRequest', 'binary messages are not understood') });
      conn.receive(data.toString());
    });
    ws.on('error', (err) => log.warn('live socket error', { err }));
    ws.on('close', () => {
      connections.delete(ws);
      conn.dispose();
    });
    conn.send({ type: 'hello', server: serverId });
  }

  return {
    handleUpgrade(req, socket, head) {
      if (closed) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, accept);
    },

    async close(code = 1001) {
      closed = true;
      clearInterval(heartbeat);
      const closing = [...connections.keys()].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => ws.terminate(), CLOSE_WAIT_MS);
            ws.once('close', () => {
              clearTimeout(force);
              resolve();
            });
            ws.close(code, code === 1001 ? 'server shutting down' : undefined);
          }),
      );
      await Promise.all(closing);
      for (const [timer, leases] of warming) {
        clearTimeout(timer);
        leases.release();
      }
      warming.clear();
      pool.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },

    warm(req, page) {
      if (closed || warming.size >= MAX_WARMING) return;
      const view = findView(page.view);
      const context = registryOf(req, clusters).get(page.context);
      if (!view || !context || context.problem) return;
      const leases = leaseViewInformers(pool, context, view, page.namespaces);
      const timer = setTimeout(() => {
        warming.delete(timer);
        leases.release();
      }, warmHoldMs);
      timer.unref();
      warming.set(timer, leases);
    },

    stats() {
      let subscriptions = 0;
      for (const conn of connections.values()) subscriptions += conn.subscriptions;
      return { sockets: connections.size, informers: pool.size, subscriptions, warming: warming.size };
    },
  };
}
