/** Test support: a console on a random port around given contexts, and kubeconfig files to feed it. */
import { rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createConsoleServer, type ConsoleServer } from '../app.ts';
import { createRegistry, type ClusterContext } from '../clusters/types.ts';
import { loadConfig, type Config } from '../config.ts';
import { createLogger } from '../log.ts';
import { startSignIn } from '../clusters/signIn/startSignIn.ts';
import { runKubectl, type KubectlResult } from './kubectl.ts';

export interface RunningConsole {
  /** `http://127.0.0.1:PORT` (no base path). */
  origin: string;
  /** The console URL with its base path, ending in `/`. */
  url: string;
  port: number;
  console: ConsoleServer;
  logs: string[];
  close(): Promise<void>;
}

export async function startConsole(contexts: ClusterContext[], overrides: Partial<Config> = {}, current?: string): Promise<RunningConsole> {
  const config: Config = { ...loadConfig({ env: {}, argv: [] }), port: 0, distDir: '/nonexistent-dist', ...overrides };
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const clusters = createRegistry(contexts, current ?? contexts[0]?.name ?? '');
  // The same start-up rules as main.ts: the sign-in mode follows config.auth (local by default).
  const consoleServer = createConsoleServer({ config, clusters, log, signIn: startSignIn(config, clusters, log) });
  const url = await consoleServer.listen(0, '127.0.0.1');
  const port = new URL(url).port;
  return { origin: `http://127.0.0.1:${port}`, url, port: Number(port), console: consoleServer, logs, close: () => consoleServer.close() };
}

export interface KubeconfigEntry {
  name: string;
  server: string;
  token?: string;
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  insecure?: boolean;
  namespace?: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A kubeconfig with one cluster, user and context per entry; the first is current. */
export function writeKubeconfig(file: string, entries: KubeconfigEntry[]): void {
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${JSON.stringify(entries[0]?.name ?? '')}`, 'clusters:'];
  for (const e of entries) {
    lines.push(`- name: ${JSON.stringify(e.name)}`, '  cluster:', `    server: ${JSON.stringify(e.server)}`);
    if (e.caPem) lines.push(`    certificate-authority-data: ${b64(e.caPem)}`);
    if (e.insecure) lines.push('    insecure-skip-tls-verify: true');
  }
  lines.push('users:');
  for (const e of entries) {
    const user: string[] = [];
    if (e.token) user.push(`    token: ${JSON.stringify(e.token)}`);
    if (e.certPem) user.push(`    client-certificate-data: ${b64(e.certPem)}`);
    if (e.keyPem) user.push(`    client-key-data: ${b64(e.keyPem)}`);
    lines.push(`- name: ${JSON.stringify(e.name)}`, user.length ? '  user:' : '  user: {}', ...user);
  }
  lines.push('contexts:');
  for (const e of entries) {
    lines.push(`- name: ${JSON.stringify(e.name)}`, '  context:', `    cluster: ${JSON.stringify(e.name)}`, `    user: ${JSON.stringify(e.name)}`);
    if (e.namespace) lines.push(`    namespace: ${JSON.stringify(e.namespace)}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

export interface RawResponse {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  body: string;
}

/** A request whose path and Host go out exactly as written (fetch would normalise `..` and forbid Host). */
export function rawRequest(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Runs kubectl with no kubeconfig of its own (an empty file), resolving with its exit code and output. */
export function kubectl(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
  return runKubectl(args, { ...opts, kubeconfig: EMPTY_KUBECONFIG });
}

const EMPTY_KUBECONFIG = join(tmpdir(), `console-test-empty-kubeconfig-${process.pid}`);
writeFileSync(EMPTY_KUBECONFIG, '');
process.once('exit', () => rmSync(EMPTY_KUBECONFIG, { force: true }));

/**
 * Opens a websocket; resolves with the socket on 101, or with the HTTP status and body of a refusal.
 * `received` holds every message from the first one on (frames can arrive with the 101 itself).
 */
export function openWebSocket(
  url: string,
  opts: { protocols?: string[]; headers?: Record<string, string>; origin?: string } = {},
): Promise<{ ws?: WebSocket; status: number; body?: string; protocol?: string; received: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts.protocols ?? [], { headers: opts.headers, origin: opts.origin });
    const received: Buffer[] = [];
    ws.on('message', (data: Buffer) => received.push(data));
    ws.once('open', () => resolve({ ws, status: 101, protocol: ws.protocol, received }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, received }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, received }));
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Runs one command over the v5.channel.k8s.io exec protocol; resolves when the server closes. */
export async function execOverWebSocket(execUrl: string, opts: { origin?: string } = {}): Promise<{ stdout: string; stderr: string; status: string; protocol?: string }> {
  const opened = await openWebSocket(execUrl, { protocols: ['v5.channel.k8s.io'], origin: opts.origin });
  if (!opened.ws) throw new Error(`exec upgrade refused with ${opened.status}: ${opened.body}`);
  const ws = opened.ws;
  await new Promise((r) => ws.once('close', r));
  const channel = (n: number) =>
    opened.received
      .filter((m) => m[0] === n)
      .map((m) => m.subarray(1).toString())
      .join('');
  return { stdout: channel(1), stderr: channel(2), status: channel(3), protocol: opened.protocol };
}

/** A long-running busybox pod on node-a in `default` (demo cluster with its seed), Running when this resolves. */
export async function runningPod(apiRoot: string, name: string): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-a', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] } };
  const created = await fetch(`${apiRoot}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pod) });
  if (created.status !== 201) throw new Error(`creating pod ${name}: ${created.status} ${await created.text()}`);
  for (let i = 0; i < 150; i++) {
    const p = (await (await fetch(`${apiRoot}/api/v1/namespaces/default/pods/${name}`)).json()) as { status?: { phase?: string } };
    if (p.status?.phase === 'Running') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pod ${name} never ran`);
}

/** The Cookie header a browser would send back after this response (cleared cookies left out). */
export function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((v) => v.split(';')[0])
    .filter((v) => !v.endsWith('='))
    .join('; ');
}

/** Signs in to a token-mode console (POST auth/token, same origin); returns the Cookie header to send. */
export async function signInWithToken(on: Pick<RunningConsole, 'url' | 'origin'>, token: string): Promise<string> {
  const res = await fetch(`${on.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: on.origin }, body: JSON.stringify({ token }) });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return cookiesFrom(res);
}
