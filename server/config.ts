/**
 * Everything the console reads from its environment and command line, parsed once at start-up.
 * docs/api.md lists the variables; tests build a Config directly with `loadConfig({ env, argv })`.
 */
import { resolve } from 'node:path';
import { DEFAULT_TIMEOUTS } from './clusters/kubeRequest.ts';
import type { RequestTimeouts } from './clusters/types.ts';
import { AuthConfigError, parseAuthSettings, type AuthSettings } from './clusters/signIn/authSettings.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  port: number;
  host: string;
  /** Always starts and ends with `/` (`/` or `/console/`). */
  basePath: string;
  /** The URL users reach the console at behind a proxy; its host passes the Host and Origin checks. */
  publicUrl?: URL;
  /** Express `trust proxy` setting: false, true, a hop count or a list of addresses. */
  trustProxy: boolean | number | string;
  demo: boolean;
  demoSpeed: number;
  /** KUBECONFIG split on the path delimiter; undefined when unset. */
  kubeconfigPaths?: string[];
  logLevel: LogLevel;
  /** The built SPA (vite output). */
  distDir: string;
  /** KUBE_CONNECT_TIMEOUT / KUBE_REQUEST_TIMEOUT in seconds; undefined keeps kubeRequest.ts's defaults. */
  timeouts?: RequestTimeouts;
  /** CONSOLE_AUTH, session keys and OIDC (clusters/signIn/authSettings.ts). */
  auth: AuthSettings;
}

export class ConfigError extends Error {}

export function normalizeBasePath(raw: string | undefined): string {
  const trimmed = (raw ?? '/').trim();
  if (!trimmed || trimmed === '/') return '/';
  if (!/^\/?[A-Za-z0-9._~\-/]+$/.test(trimmed) || trimmed.split('/').some((s) => s === '.' || s === '..')) {
    throw new ConfigError(`BASE_PATH "${raw}" must be a plain path such as /console`);
  }
  const withSlashes = `/${trimmed.replace(/^\/+|\/+$/g, '')}/`;
  return withSlashes.replace(/\/{2,}/g, '/');
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // addresses / subnets / 'loopback', as Express understands them
}

function parsePort(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} "${raw}" is not a port number`);
  return n;
}

/** Seconds (fractions allowed) → ms; a deadline must be positive and finite. */
function parseSeconds(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new ConfigError(`${name} "${raw}" must be a number of seconds between 0 and 86400`);
  return Math.round(n * 1000);
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function loadConfig(input: { env?: NodeJS.ProcessEnv; argv?: string[]; cwd?: string } = {}): Config {
  const env = input.env ?? process.env;
  const argv = input.argv ?? process.argv.slice(2);
  const cwd = input.cwd ?? process.cwd();
  let publicUrl: URL | undefined;
  if (env.PUBLIC_URL) {
    try {
      publicUrl = new URL(env.PUBLIC_URL);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      throw new ConfigError(`PUBLIC_URL "${env.PUBLIC_URL}" is not an absolute URL`);
    }
  }
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL "${env.LOG_LEVEL}" must be one of ${LEVELS.join(', ')}`);
  const speed = env.DEMO_SPEED ? Number(env.DEMO_SPEED) : 1;
  if (!(speed > 0)) throw new ConfigError(`DEMO_SPEED "${env.DEMO_SPEED}" must be a positive number`);
  const demoFlag = argv.includes('--demo') || ['1', 'true', 'yes'].includes((env.CONSOLE_DEMO ?? '').toLowerCase());
  const kubeconfig = env.KUBECONFIG?.split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  const connectMs = parseSeconds(env.KUBE_CONNECT_TIMEOUT, 'KUBE_CONNECT_TIMEOUT');
  const firstByteMs = parseSeconds(env.KUBE_REQUEST_TIMEOUT, 'KUBE_REQUEST_TIMEOUT');
  let auth: AuthSettings;
  try {
    auth = parseAuthSettings(env);
  } catch (err) {
    if (err instanceof AuthConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const timeouts = connectMs || firstByteMs ? { connectMs: connectMs ?? DEFAULT_TIMEOUTS.connectMs, firstByteMs: firstByteMs ?? DEFAULT_TIMEOUTS.firstByteMs } : undefined;
  return {
    port: parsePort(env.PORT, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    basePath: normalizeBasePath(env.BASE_PATH),
    publicUrl,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    demo: demoFlag,
    demoSpeed: speed,
    kubeconfigPaths: kubeconfig && kubeconfig.length > 0 ? kubeconfig.map((p) => resolve(cwd, p)) : undefined,
    logLevel: level,
    distDir: resolve(cwd, env.CONSOLE_DIST_DIR || 'dist'),
    ...(timeouts ? { timeouts } : {}),
    auth,
  };
}
