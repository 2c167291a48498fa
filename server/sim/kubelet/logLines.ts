/** Realistic log lines for the long-running images: what they print at start and then periodically. */
import type { LogStyle } from './images.ts';
import type { PeriodicSource } from './logs.ts';

const PATHS = ['/', '/products', '/products/42', '/cart', '/api/orders', '/api/orders/1042', '/healthz', '/static/app.js', '/static/app.css', '/api/products?page=2'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'GET', 'PUT'];
const STATUSES = [200, 200, 200, 200, 200, 304, 201, 200, 404, 500];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36', 'kube-probe/1.32', 'curl/8.5.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A small deterministic generator so line i of a pod always reads the same. */
function pick<T>(list: readonly T[], seed: number): T {
  const x = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return list[x % list.length];
}

function clf(d: Date): string {
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function pgTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

export function startupLines(style: LogStyle, podName: string, at: Date): string[] {
  switch (style) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: using the "epoll" event method`,
        `${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: nginx/1.27.2`,
        `${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: start worker processes`,
      ];
    case 'api-json':
      return [
        JSON.stringify({ level: 'info', time: at.toISOString(), pid: 1, hostname: podName, msg: 'connecting to postgres', host: 'postgres.shop.svc.cluster.local' }),
        JSON.stringify({ level: 'info', time: at.toISOString(), pid: 1, hostname: podName, msg: 'server listening', port: 8080 }),
      ];
    case 'worker':
      return [`${pgTime(at).slice(0, 23)} INFO worker: starting, queue=orders concurrency=4`];
    case 'postgres':
      return [
        '',
        'PostgreSQL Database directory appears to contain a database; Skipping initialization',
        '',
        `${pgTime(at)} [1] LOG:  starting PostgreSQL 16.4 (Debian 16.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
        `${pgTime(at)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${pgTime(at)} [1] LOG:  database system is ready to accept connections`,
      ];
    case 'redis':
      return [`1:M ${two(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${at.toISOString().slice(11, 23)} * Ready to accept connections tcp`];
    case 'fluent-bit':
      return [
        'Fluent Bit v3.1.9',
        `[${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')}] [ info] [fluent bit] version=3.1.9, commit=, pid=1`,
        `[${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')}] [ info] [input:tail:tail.0] initializing`,
        `[${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')}] [ info] [sp] stream processor started`,
      ];
    default:
      return [];
  }
}

/**
 * The periodic output of a long-running server image, generated lazily by its LogBuffer.
 * An instance holds three fields and no closure: every running pod has one.
 */
export class ServerLogSource implements PeriodicSource {
  constructor(
    readonly everyRealMs: number,
    private readonly style: LogStyle,
    private readonly seed: number,
  ) {}

  line(i: number, at: Date): string {
    return periodicLine(this.style, this.seed, i, at);
  }
}

/** Line `i` of a running container's periodic output. */
export function periodicLine(style: LogStyle, seed: number, i: number, at: Date): string {
  const s = seed + i * 7919;
  switch (style) {
    case 'nginx': {
      const status = pick(STATUSES, s + 3);
      return `10.244.${pick([0, 1, 2], s)}.${pick([3, 7, 12, 19, 23], s + 1)} - - [${clf(at)}] "${pick(METHODS, s + 2)} ${pick(PATHS, s + 4)} HTTP/1.1" ${status} ${status === 304 ? 0 : 200 + (s % 9000)} "-" "${pick(AGENTS, s + 5)}" "-"`;
    }
    case 'api-json': {
      const status = pick(STATUSES, s + 3);
      return JSON.stringify({ level: status >= 500 ? 'error' : 'info', time: at.toISOString(), pid: 1, msg: 'request completed', method: pick(METHODS, s + 2), path: pick(PATHS.filter((p) => p.startsWith('/api')), s), status, durationMs: 3 + (s % 180), requestId: (s >>> 0).toString(16).padStart(8, '0') });
    }
    case 'worker':
      return `${pgTime(at).slice(0, 23)} INFO worker: processed order ${1000 + (i % 9000)} in ${20 + (s % 300)}ms`;
    case 'postgres':
      return i % 3 === 0
        ? `${pgTime(at)} [${27 + (i % 5)}] LOG:  checkpoint starting: time`
        : `${pgTime(at)} [${27 + (i % 5)}] LOG:  checkpoint complete: wrote ${s % 90} buffers (0.${s % 9}%); 0 WAL file(s) added, 0 removed, 0 recycled`;
    case 'redis':
      return `1:M ${two(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${at.toISOString().slice(11, 23)} * ${10 + (s % 90)} changes in 60 seconds. Saving...`;
    case 'fluent-bit':
      return `[${at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')}] [ info] [output:forward:forward.0] flushed ${1 + (s % 40)} records`;
    default:
      return `tick ${i}`;
  }
}
