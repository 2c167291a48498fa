/**
 * Runs live-channel cases on one socket: send the frame, then a ping whose pong proves the
 * socket still works, then judge every message in between. A socket the server closed is
 * reopened for the next case.
 */
import { WebSocket } from 'ws';
import { leakedSecrets, statusProblem, type Problem } from './answerChecks.ts';
import { normalise } from './findings.ts';
import type { LiveCase } from './liveCases.ts';

interface Received {
  type?: string;
  id?: string;
  t?: unknown;
  code?: number;
  text: string;
}

const KNOWN_TYPES = new Set(['hello', 'snapshot', 'delta', 'error', 'pong']);
const PONG_MS = 5000;
const REPLY_MS = 6000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LiveClient {
  readonly received: Received[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      const text = data.toString('utf8');
      let m: { type?: string; id?: string; t?: unknown; status?: { code?: number } } = {};
      try {
        m = isBinary ? {} : (JSON.parse(text) as typeof m);
      } catch (err) {
        // judged as "not JSON" below
        if (!(err instanceof SyntaxError)) throw err;
      }
      this.received.push({ type: m?.type, id: m?.id, t: m?.t, code: m?.status?.code, text: isBinary ? `<binary ${data.length} bytes>` : text });
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  }

  static connect(port: number): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
      const client = new LiveClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(frame: string | Buffer, binary = false): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame, { binary });
  }

  close(): void {
    this.ws.terminate();
  }

  async waitFor(match: (m: Received) => boolean, from: number, ms: number): Promise<Received | undefined> {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(5)) {
      const found = this.received.slice(from).find(match);
      if (found || this.closed) return found;
    }
    return undefined;
  }
}

/** Problems with one case; `reopen` when the socket is gone and the next case needs a new one. */
export async function runLiveCase(client: LiveClient, c: LiveCase, n: number, needles: readonly string[]): Promise<{ problems: Problem[]; reopen: boolean }> {
  const problems: Problem[] = [];
  const from = client.received.length;
  client.send(c.frame, c.binary);
  if (c.expect === 'close') {
    await client.waitFor(() => false, from, 3000);
    if (!client.closed) problems.push({ check: 'live: oversized frame not refused', signature: 'socket still open' });
    else if (client.closed.code !== 1009) problems.push({ check: 'live: oversized frame not refused', signature: `closed with ${client.closed.code}` });
    return { problems, reopen: true };
  }
  client.send(JSON.stringify({ type: 'ping', t: n }));
  const pong = await client.waitFor((m) => m.type === 'pong' && m.t === n, from, PONG_MS);
  if (!pong) {
    const why = client.closed ? `socket closed (${client.closed.code} ${client.closed.reason})` : `no pong within ${PONG_MS / 1000} s`;
    problems.push({ check: 'live: channel stopped answering', signature: why });
    return { problems, reopen: true };
  }
  let reply: Received | undefined;
  if (c.expect === 'snapshot' && c.id !== undefined) {
    reply = await client.waitFor((m) => m.id === c.id && m.type === 'snapshot', from, REPLY_MS);
    client.send(JSON.stringify({ type: 'unsubscribe', id: c.id }));
  } else if (c.expect === 'reply' && c.id !== undefined) {
    reply = await client.waitFor((m) => (m.id === c.id && (m.type === 'snapshot' || m.type === 'error')) || (m.type === 'error' && m.id === undefined), from, REPLY_MS);
    client.send(JSON.stringify({ type: 'unsubscribe', id: c.id }));
  }
  const messages = client.received.slice(from);
  for (const m of messages) {
    if (!m.type || !KNOWN_TYPES.has(m.type)) problems.push({ check: 'live: unknown server message', signature: normalise(m.text.slice(0, 80)) });
    if (m.type === 'error') {
      const status = statusOf(m.text);
      const problem = status === undefined ? 'no status' : statusProblem(JSON.stringify(status), m.code ?? -1);
      if (problem) problems.push({ check: 'live: error is not a Status', signature: normalise(problem) });
      if ((m.code ?? 0) >= 500) problems.push({ check: 'live: 5xx error', signature: normalise(m.text.slice(0, 160)) });
    }
    const leaked = leakedSecrets(m.text, needles);
    if (leaked.length) problems.push({ check: 'credential in the answer', signature: 'live message', detail: leaked.join(', ') });
  }
  const errorBeforePong = messages.slice(0, messages.indexOf(pong)).some((m) => m.type === 'error' && (m.code ?? 0) >= 400 && (m.code ?? 0) < 500);
  if (c.expect === 'error' && !errorBeforePong) problems.push({ check: 'live: bad frame not answered with an error', signature: 'no 4xx error before the pong' });
  if (c.expect === 'quiet' && messages.some((m) => m.type === 'error')) problems.push({ check: 'live: error for a harmless frame', signature: normalise(messages.find((m) => m.type === 'error')!.text.slice(0, 160)) });
  if (c.expect === 'reply' && !reply) problems.push({ check: 'live: subscription never answered', signature: `no snapshot or error within ${REPLY_MS / 1000} s` });
  if (c.expect === 'snapshot' && !reply) {
    const why = messages.find((m) => m.type === 'error');
    problems.push({ check: 'live: valid subscription got no snapshot', signature: why ? normalise(why.text.slice(0, 160)) : `nothing within ${REPLY_MS / 1000} s` });
  }
  return { problems, reopen: !!client.closed };
}

function statusOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { status?: unknown } | null)?.status;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return undefined;
  }
}

/** `WS /api/live <- "frame"`: the reproduction of a live case. */
export function liveReproduction(c: LiveCase, n: number): string {
  const frame = typeof c.frame === 'string' ? c.frame : c.frame.toString('hex');
  const shown = frame.length > 300 ? `${frame.slice(0, 300)}…(${frame.length} chars)` : frame;
  return `#${n} WS /api/live send ${c.binary ? 'binary hex ' : ''}${JSON.stringify(shown)}`;
}
