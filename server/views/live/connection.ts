import type { WebSocket } from 'ws';
import type { ClusterContext, ClusterRegistry } from '../../clusters/types.ts';
import type { Logger } from '../../log.ts';
import type { InformerPool } from '../cache/informerPool.ts';
import { failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';
import { findView, findViewResolver } from '../registry.ts';
import type { ViewDefinition } from '../view.ts';
import { parseClientMessage } from './clientMessage.ts';
import type { ServerMessage, SubscribeMessage } from './protocol.ts';
import { Subscription } from './subscription.ts';
import { leaseViewInformers, type ViewLeases } from './viewLeases.ts';

export interface ConnectionDeps {
  clusters: ClusterRegistry;
  pool: InformerPool;
  log: Logger;
  flushMs: number;
  /** Above this many queued bytes the socket counts as congested and deltas coalesce. */
  highWaterBytes: number;
  maxSubscriptions: number;
}

interface Active {
  subscription: Subscription;
  leases: ViewLeases;
}

/** One browser tab's socket: its subscriptions and the messages that manage them. */
export class LiveConnection {
  /** Cleared by each heartbeat, set by any sign of life (a pong, a message). */
  alive = true;
  private readonly active = new Map<string, Active>();
  /** Subscriptions whose view is still being resolved; a newer subscribe or an unsubscribe of the id drops the ticket. */
  private readonly resolving = new Map<string, object>();

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {}

  get subscriptions(): number {
    return this.active.size;
  }

  send(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
  }

  receive(text: string): void {
    this.alive = true;
    const msg = parseClientMessage(text);
    if (typeof msg === 'string') {
      this.send({ type: 'error', status: failureStatus(400, 'BadRequest', msg) });
      return;
    }
    switch (msg.type) {
      case 'ping':
        this.send({ type: 'pong', t: msg.t });
        break;
      case 'unsubscribe':
        this.unsubscribe(msg.id);
        break;
      case 'subscribe':
        this.subscribe(msg);
        break;
    }
  }

  /** Drop every subscription (the socket closed). */
  dispose(): void {
    for (const id of [...this.active.keys()]) this.unsubscribe(id);
    this.resolving.clear();
  }

  private subscribe(msg: SubscribeMessage): void {
    // Re-subscribing an id replaces it: that is how the SPA changes namespaces or params.
    this.unsubscribe(msg.id);
    const fail = (code: number, reason: string, message: string) =>
      this.send({ type: 'error', id: msg.id, status: failureStatus(code, reason, message) });
    const view = findView(msg.view);
    const resolve = view ? undefined : findViewResolver(msg.view);
    if (!view && !resolve) return fail(404, 'NotFound', `view "${msg.view}" not found`);
    const context = this.deps.clusters.get(msg.context);
    if (!context) return fail(404, 'NotFound', `context "${msg.context}" not found`);
    if (context.problem) return fail(503, 'ServiceUnavailable', `context "${msg.context}" cannot be used: ${context.problem}`);
    if (this.active.size + this.resolving.size >= this.deps.maxSubscriptions) {
      return fail(429, 'TooManyRequests', `at most ${this.deps.maxSubscriptions} subscriptions per connection`);
    }
    if (view) return this.start(msg, view, context);
    if (!resolve) return;
    const ticket = {};
    this.resolving.set(msg.id, ticket);
    resolve(context, msg.params ?? {}).then(
      (resolved) => {
        if (this.resolving.get(msg.id) !== ticket) return;
        this.resolving.delete(msg.id);
        this.start(msg, resolved, context);
      },
      (err: unknown) => {
        if (this.resolving.get(msg.id) !== ticket) return;
        this.resolving.delete(msg.id);
        if (err instanceof KubeStatusError) return this.send({ type: 'error', id: msg.id, status: err.status });
        this.deps.log.warn('live view could not be resolved', { view: msg.view, err });
        fail(500, 'InternalError', `view "${msg.view}" could not be resolved`);
      },
    );
  }

  private start(msg: SubscribeMessage, view: ViewDefinition, context: ClusterContext): void {
    const namespaces = [...new Set(msg.namespaces ?? [])];
    const leases = leaseViewInformers(this.deps.pool, context, view, namespaces);
    const subscription = new Subscription(
      { id: msg.id, view, namespaces, params: msg.params ?? {}, informers: leases.informers, ...(msg.firstScreen ? { firstScreen: msg.firstScreen } : {}) },
      { send: (m) => this.send(m), congested: () => this.ws.bufferedAmount > this.deps.highWaterBytes },
      this.deps.flushMs,
      this.deps.log,
    );
    this.active.set(msg.id, { subscription, leases });
    subscription.start();
  }

  private unsubscribe(id: string): void {
    this.resolving.delete(id);
    const entry = this.active.get(id);
    if (!entry) return;
    this.active.delete(id);
    entry.subscription.dispose();
    entry.leases.release();
  }
}
