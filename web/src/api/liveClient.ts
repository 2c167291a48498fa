/**
 * The one live client per browser tab: a single websocket to `{base}api/live` carrying every
 * subscription (protocol: server/views/live/protocol.ts). After a drop it reconnects with
 * back-off and re-subscribes, so each list gets a fresh snapshot without a page reload.
 * Identical subscriptions from several components share one server subscription.
 */
import type { ClientMessage, FirstScreen, Row, ServerMessage, SubscribeMessage } from '../../../server/views/live/protocol.ts';
import { applyLiveListEvent, initialLiveListState, type LiveListEvent, type LiveListState } from './liveListState.ts';
import { reconnectDelay } from './reconnectDelay.ts';
import { reportSessionDoubt } from './sessionSignal.ts';

export type ConnectionPhase = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Why the last connection ended (shown while reconnecting). */
  reason?: string;
  /** Failed attempts since the last open socket. */
  attempt: number;
  /** Server instance id from `hello`; a change after a reconnect means another replica. */
  server?: string;
}

export interface LiveRequest {
  view: string;
  context: string;
  namespaces?: readonly string[];
  params?: Readonly<Record<string, string>>;
}

/** What the client needs of a WebSocket (the browser's, or a fake in unit tests). */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveClientOptions {
  socketFactory?: (url: string) => LiveSocket;
  /** Keep-alive ping period: proxies (nginx: 60 s) cut idle sockets. */
  pingMs?: number;
  /** No message for this long means the socket is dead even if it has not closed. */
  silenceMs?: number;
  /** Subscriptions linger this long after their last listener, so remounts do not resubscribe. */
  releaseGraceMs?: number;
  delay?: (attempt: number) => number;
}

const OPEN = 1;

interface Subscription {
  id: string;
  key: string;
  request: LiveRequest;
  state: LiveListState<Row>;
  /** The last first screen a listener asked for: a (re)subscribe sends it. */
  firstScreen?: FirstScreen;
  listeners: Set<() => void>;
  releaseTimer?: ReturnType<typeof setTimeout>;
}

/** A stable key for a request: namespaces as a set, params by name. */
export function liveRequestKey(req: LiveRequest): string {
  const ns = [...(req.namespaces ?? [])].sort();
  const params = Object.entries(req.params ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([req.view, req.context, ns, params]);
}

/** The request a key stands for (namespaces sorted, params by name): liveRequestKey undone. */
export function liveRequestFromKey(key: string): LiveRequest {
  const [view, context, namespaces, params] = JSON.parse(key) as [string, string, string[], [string, string][]];
  return { view, context, namespaces, params: Object.fromEntries(params) };
}

const LOADING: LiveListState<Row> = initialLiveListState<Row>();

export class LiveClient {
  private socket: LiveSocket | undefined;
  private state: ConnectionState = { phase: 'connecting', attempt: 0 };
  private readonly stateListeners = new Set<() => void>();
  private readonly subs = new Map<string, Subscription>();
  private readonly byId = new Map<string, Subscription>();
  private nextId = 1;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private closed = false;
  private readonly opts: Required<LiveClientOptions>;

  constructor(
    private readonly url: string,
    opts: LiveClientOptions = {},
  ) {
    this.opts = {
      socketFactory: opts.socketFactory ?? ((u) => new WebSocket(u) as unknown as LiveSocket),
      pingMs: opts.pingMs ?? 20_000,
      silenceMs: opts.silenceMs ?? 50_000,
      releaseGraceMs: opts.releaseGraceMs ?? 2_000,
      delay: opts.delay ?? ((attempt) => reconnectDelay(attempt)),
    };
    this.connect();
  }

  connection(): ConnectionState {
    return this.state;
  }

  onConnectionChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The current state of a subscription (a shared "loading" state if nobody subscribed yet). */
  peek<R extends Row>(req: LiveRequest): LiveListState<R> {
    return (this.subs.get(liveRequestKey(req))?.state ?? LOADING) as LiveListState<R>;
  }

  /**
   * Subscribes (or joins an identical subscription); returns the release function. `firstScreen`
   * (the rows the list shows first, in its sort order) is not part of the subscription's identity:
   * a new sort order changes what a later re-subscribe asks for, nothing else.
   */
  subscribe(req: LiveRequest, listener: () => void, firstScreen?: FirstScreen): () => void {
    const key = liveRequestKey(req);
    let sub = this.subs.get(key);
    if (sub && firstScreen) sub.firstScreen = firstScreen;
    if (!sub) {
      sub = { id: `s${this.nextId++}`, key, request: req, state: LOADING, listeners: new Set(), ...(firstScreen ? { firstScreen } : {}) };
      this.subs.set(key, sub);
      this.byId.set(sub.id, sub);
      this.sendSubscribe(sub);
    }
    if (sub.releaseTimer) {
      clearTimeout(sub.releaseTimer);
      sub.releaseTimer = undefined;
    }
    sub.listeners.add(listener);
    const held = sub;
    return () => {
      held.listeners.delete(listener);
      if (held.listeners.size === 0 && !held.releaseTimer) {
        held.releaseTimer = setTimeout(() => this.release(held), this.opts.releaseGraceMs);
      }
    };
  }

  /** Reconnects now instead of waiting for the back-off (e.g. the browser came back online). */
  retryNow(): void {
    if (this.closed || this.state.phase !== 'reconnecting') return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /**
   * Drops the socket and connects again at once, re-subscribing everything: after a sign-in the
   * old socket still acts as the identity it was opened with.
   */
  reconnect(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'signed in again');
    }
    this.setState({ phase: 'reconnecting', reason: 'signed in again', attempt: 0, server: this.state.server });
    this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    for (const sub of this.subs.values()) clearTimeout(sub.releaseTimer);
    this.subs.clear();
    this.byId.clear();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client closed');
    }
  }

  private release(sub: Subscription): void {
    sub.releaseTimer = undefined;
    if (sub.listeners.size > 0 || this.subs.get(sub.key) !== sub) return;
    this.subs.delete(sub.key);
    this.byId.delete(sub.id);
    this.send({ type: 'unsubscribe', id: sub.id });
  }

  private connect(): void {
    let socket: LiveSocket;
    try {
      socket = this.opts.socketFactory(this.url);
    } catch (err) {
      this.dropped(err instanceof Error ? err.message : String(err));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
      this.setState({ phase: 'open', attempt: 0, server: this.state.server });
      for (const sub of this.subs.values()) {
        this.update(sub, { type: 'resubscribing' });
        this.sendSubscribe(sub);
      }
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.keepAlive(), this.opts.pingMs);
    };
    socket.onmessage = (ev) => {
      // A socket being replaced (reconnect after a sign-in) may still deliver the old session's errors.
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        return;
      }
      this.receive(msg);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.dropped(ev.reason ? `${ev.reason} (${ev.code})` : `connection closed (${ev.code})`);
    };
    socket.onerror = () => {
      // The close event follows with the code; nothing to do here.
    };
  }

  private dropped(reason: string): void {
    this.socket = undefined;
    clearInterval(this.pingTimer);
    if (this.closed) return;
    // A refused upgrade (401 without a session) reaches the browser as a bare close: the sign-in store asks the BFF.
    reportSessionDoubt('connectionLost');
    for (const sub of this.subs.values()) this.update(sub, { type: 'disconnected' });
    const attempt = this.state.phase === 'open' ? 0 : this.state.attempt + 1;
    this.setState({ phase: 'reconnecting', reason, attempt, server: this.state.server });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), this.opts.delay(attempt));
  }

  private keepAlive(): void {
    const socket = this.socket;
    if (!socket) return;
    if (Date.now() - this.lastHeard > this.opts.silenceMs) {
      socket.onclose = null;
      socket.close(4000, 'no answer from server');
      this.dropped('no answer from server');
      return;
    }
    this.send({ type: 'ping', t: Date.now() });
  }

  private receive(msg: ServerMessage): void {
    switch (msg.type) {
      case 'hello':
        this.setState({ ...this.state, server: msg.server });
        return;
      case 'pong':
        return;
      case 'snapshot':
      case 'rest':
      case 'delta': {
        const sub = this.byId.get(msg.id);
        if (sub) this.update(sub, msg);
        return;
      }
      case 'error': {
        // The API server refused the user's token (revoked, expired): the session is over.
        if (msg.status.code === 401) reportSessionDoubt('unauthorized');
        if (msg.id === undefined) {
          this.setState({ ...this.state, reason: msg.status.message });
          return;
        }
        const sub = this.byId.get(msg.id);
        if (sub) this.update(sub, { type: 'error', status: msg.status });
        return;
      }
    }
  }

  private update(sub: Subscription, event: LiveListEvent<Row>): void {
    const next = applyLiveListEvent(sub.state, event);
    if (next === sub.state) return;
    sub.state = next;
    for (const listener of [...sub.listeners]) listener();
  }

  private sendSubscribe(sub: Subscription): void {
    const { view, context, namespaces, params } = sub.request;
    const msg: SubscribeMessage = { type: 'subscribe', id: sub.id, view, context };
    if (namespaces && namespaces.length > 0) msg.namespaces = [...namespaces];
    if (params && Object.keys(params).length > 0) msg.params = { ...params };
    // Only for a list with no rows yet: a stale one keeps its rows until a whole fresh snapshot.
    if (sub.firstScreen && sub.state.rows.size === 0) msg.firstScreen = sub.firstScreen;
    this.send(msg);
  }

  private send(msg: ClientMessage): void {
    const socket = this.socket;
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(msg));
  }

  private setState(next: ConnectionState): void {
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }
}
