/**
 * `npm run dev`: the console's server with Vite in middleware mode, in one process on one port
 * (PORT, default 5173). /api and /k8s (websockets included) are served by the BFF itself, so
 * there is no dev proxy whose websocket rule waits for a "warm-up" request (a proxy that only
 * subscribes to the server's upgrade event after a first plain HTTP request leaves the first
 * websocket pending forever): the upgrade handler is on the HTTP server before it listens.
 * Vite's HMR socket shares it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { createConsoleServer } from '../server/app.ts';
import { KubeconfigError } from '../server/clusters/kubeconfig.ts';
import { loadClusters } from '../server/clusters/sources.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { CONTENT_SECURITY_POLICY, NO_CACHE, NO_STORE } from '../server/http/headers.ts';
import { createLogger } from '../server/log.ts';
import { pathOnly } from '../server/http/requestLog.ts';
import { injectBase } from '../server/http/spa.ts';

/** React Fast Refresh injects an inline module script in dev; production keeps script-src 'self'. */
const DEV_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

const isViteSocket = (req: IncomingMessage) => /\bvite-(hmr|ping)\b/.test(String(req.headers['sec-websocket-protocol'] ?? ''));

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

export async function startDevServer(input: { env?: NodeJS.ProcessEnv; argv?: string[]; port?: number } = {}): Promise<DevServer> {
  const env = input.env ?? process.env;
  const config = loadConfig({ env: { PORT: '5173', ...env }, argv: input.argv });
  const log = createLogger({ level: config.logLevel });
  const clusters = await loadClusters(config, log, env);
  const base = config.basePath;
  // Vite needs the HTTP server (for HMR) and the server needs Vite's middlewares: tie the knot late.
  const holder: { vite?: ViteDevServer } = {};

  const devSpa: RequestHandler = (req, res, next) => {
    const server = holder.vite;
    if (!server) return next();
    // Vite serves modules under its base: give it the URL before Express stripped the mount path.
    req.url = req.originalUrl;
    server.middlewares(req, res, () => {
      const path = pathOnly(req.originalUrl);
      const last = path.slice(path.lastIndexOf('/') + 1);
      if (last.includes('.') || path.startsWith(`${base}assets/`)) {
        res.status(404).set('Cache-Control', NO_STORE).type('text/plain').send('Not Found\n');
        return;
      }
      const raw = readFileSync(join(server.config.root, 'index.html'), 'utf8');
      server.transformIndexHtml(req.originalUrl, injectBase(raw, base)).then(
        (html) => res.status(200).set({ 'Cache-Control': NO_CACHE, 'Content-Security-Policy': DEV_CSP }).type('html').send(html),
        next,
      );
    });
  };

  const consoleServer = createConsoleServer({ config, clusters: clusters.registry, log, spa: devSpa, foreignUpgrade: isViteSocket });
  const configFile = join(process.cwd(), 'vite.config.ts');
  holder.vite = await createViteServer({
    configFile: existsSync(configFile) ? configFile : false,
    ...(existsSync(configFile) ? {} : { root: join(process.cwd(), 'web') }),
    base,
    appType: 'custom',
    clearScreen: false,
    server: { middlewareMode: true, hmr: { server: consoleServer.server } },
  });
  const url = await consoleServer.listen(input.port ?? config.port, config.host);
  log.info('dev console listening', { url, contexts: clusters.registry.list().map((c) => c.name) });
  return {
    url,
    async close() {
      await holder.vite?.close();
      await consoleServer.close();
      await clusters.close();
    },
  };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  startDevServer({ argv: process.argv.slice(2) }).then(
    (dev) => {
      const stop = () => void dev.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: Error) => {
      process.stderr.write(`console dev: ${err instanceof ConfigError || err instanceof KubeconfigError ? err.message : (err.stack ?? err.message)}\n`);
      process.exit(1);
    },
  );
}
