/**
 * Debian's nginx running the shipped deploy/nginx/nginx.conf on this machine, for the tests and
 * the terminal benchmark: only its template lines are filled in (a local port, pid and log files
 * in a temporary folder, the console replicas as upstreams) and, when asked, a shorter
 * proxy_read_timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/testing/freePort.ts';
import { renderNginxConfig, SHIPPED_CONFIG } from './renderConfig.ts';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export function localNginxConfig(dir: string, port: number, upstreams: number[], readTimeout?: string): string {
  let text = renderNginxConfig(readFileSync(SHIPPED_CONFIG, 'utf8'), {
    pid: `pid ${join(dir, 'nginx.pid')};`,
    error_log: `error_log ${join(dir, 'error.log')} info;`,
    access_log: `access_log ${join(dir, 'access.log')};`,
    listen: `listen 127.0.0.1:${port};`,
    replicas: upstreams.map((p) => `server 127.0.0.1:${p};`).join('\n'),
  });
  if (readTimeout) {
    const shipped = /proxy_read_timeout 3600s;/;
    if (!shipped.test(text)) throw new Error('the shipped nginx.conf no longer has "proxy_read_timeout 3600s;" to shorten');
    text = text.replace(shipped, `proxy_read_timeout ${readTimeout};`);
  }
  return text;
}

export interface LocalNginx {
  port: number;
  /** `http://127.0.0.1:PORT/console/`, the sub-path the shipped config serves. */
  base: string;
  stop(): Promise<void>;
}

/** nginx in front of the console replicas listening on `upstreams`; resolves once `/console/healthz` answers 200 through it. */
export async function startLocalNginx(upstreams: number[], opts: { readTimeout?: string } = {}): Promise<LocalNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is required (apt-get install nginx-light): ${NGINX} not found`);
  const dir = mkdtempSync(join(tmpdir(), 'console-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const errorLog = join(dir, 'error.log');
  writeFileSync(conf, localNginxConfig(dir, port, upstreams, opts.readTimeout));
  const check = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf, '-e', errorLog], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}/console/`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const log = () => `${stderr}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}healthz`)).ok) break;
    } catch (err) {
      // Not listening yet: undici's fetch fails with a TypeError.
      if (!(err instanceof TypeError)) throw err;
    }
    if (i > 100 || child.exitCode !== null) {
      const why = `nginx did not come up: ${log()}`;
      await stop();
      throw new Error(why);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, base, stop };
}
