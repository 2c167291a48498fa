/**
 * What the fuzzer talks to: the demo cluster in this process (TLS, a bearer token and a client
 * certificate, so the console holds credentials it must never show) and the console as a child
 * process (`server/main.ts` with a kubeconfig for it), so a crash is seen as a crash — the
 * process gone, its last log lines — and the console can be started again to go on fuzzing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { writeKubeconfig } from '../consoleFixture.ts';
import { directApi, type DirectApi } from './directApi.ts';

/** Fast enough that a rebuilt namespace settles in well under a second. */
const DEMO_SPEED = 50;
/**
 * The ReplicaSet controller is not run: a scale the console wrongly accepts (replicas 1e308 once
 * was) makes it create 500 pods per sync — 30,000 in three seconds, measured — and the run would
 * measure that flood instead of the console. The accepted write is still caught: by the case's
 * status and by the snapshot (the object's generation). Every other control loop runs.
 */
const NOT_RUN = ['replicaset'];
const CONTEXT = 'demo';

export interface Secrets {
  /** Strings that must never appear in an answer: the token, its encodings, lines of the client key and certificate. */
  needles: string[];
}

export interface ConsoleUnderFuzz {
  cluster: DemoCluster;
  /** The harness's own line to the API server. */
  api: DirectApi;
  context: string;
  port: () => number;
  secrets: Secrets;
  /** The console's error log lines since the last call (a 5xx logs its stack there). */
  takeErrors(): string[];
  /** undefined while serving; otherwise why not (exit code, last log lines). Restarts the console. */
  ensureServing(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** A few inner lines of a PEM block: any of them in an answer means the block leaked. */
function pemNeedles(pem: string): string[] {
  const lines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [lines[1], lines[Math.floor(lines.length / 2)]].filter((l): l is string => !!l && l.length >= 40);
}

export async function startConsoleUnderFuzz(): Promise<ConsoleUnderFuzz> {
  const token = `fuzz-token-${randomBytes(18).toString('hex')}`;
  const cluster = await startDemoCluster({ speed: DEMO_SPEED, tls: true, token, controllers: { except: NOT_RUN } });
  const tls = cluster.tls!;
  const dir = mkdtempSync(join(tmpdir(), 'console-fuzz-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, [{ name: CONTEXT, server: cluster.url, token, caPem: tls.caPem, certPem: tls.clientCertPem, keyPem: tls.clientKeyPem }]);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const secrets: Secrets = {
    needles: [token, b64(token), Buffer.from(token).toString('base64url'), ...pemNeedles(tls.clientKeyPem), ...pemNeedles(tls.clientCertPem), b64(tls.clientKeyPem).slice(40, 120)],
  };

  let child: ChildProcess | undefined;
  let port = 0;
  let tail: string[] = [];
  let exited: string | undefined;
  const errors: string[] = [];

  const start = async () => {
    exited = undefined;
    tail = [];
    const c = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, HOME: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KUBECONFIG: kubeconfig, CONSOLE_DEMO: '', BASE_PATH: '/', PUBLIC_URL: '', TRUST_PROXY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    const keep = (chunk: Buffer) => {
      tail.push(...chunk.toString().split('\n').filter(Boolean));
      if (tail.length > 40) tail = tail.slice(-40);
    };
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    c.stderr!.on('data', (chunk: Buffer) => errors.push(...chunk.toString().split('\n').filter(Boolean)));
    c.once('exit', (code, signal) => (exited = `console exited (code ${code}, signal ${signal}); last lines:\n  ${tail.join('\n  ')}`));
    port = await listeningPort(c, () => exited);
  };
  await start();

  return {
    cluster,
    api: directApi(cluster, token),
    context: CONTEXT,
    port: () => port,
    secrets,
    takeErrors: () => errors.splice(0),
    async ensureServing() {
      const healthy = exited === undefined && (await healthz(port));
      if (healthy) return undefined;
      const why = exited ?? `console does not answer GET /healthz on port ${port}; last lines:\n  ${tail.join('\n  ')}`;
      child?.kill('SIGKILL');
      await start();
      return why;
    },
    async close() {
      if (child && exited === undefined) {
        const gone = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        child.kill('SIGKILL');
      }
      await cluster.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GET /healthz answers 200 `ok` within 3 s. */
export function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** The port the child listens on, from its "console listening" log line (PORT=0 picks a free one). */
async function listeningPort(c: ChildProcess, exited: () => string | undefined): Promise<number> {
  let out = '';
  c.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (let i = 0; i < 300; i++) {
    const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
    if (m) return Number(m[1]);
    const why = exited();
    if (why) throw new Error(`the console did not start: ${why}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the console did not start within 30 s: ${out.slice(-2000)}`);
}
