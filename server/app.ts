/**
 * The console's HTTP server: ops endpoints, the BFF API, the Kubernetes proxy and the SPA,
 * all under BASE_PATH, with one upgrade dispatcher registered before the server listens.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express, { type RequestHandler } from 'express';
import type { ClusterRegistry } from './clusters/types.ts';
import type { Config } from './config.ts';
import { actionsRouter } from './actions/router.ts';
import { cronJobRouter } from './actions/cronJobRouter.ts';
import { jobsRouter } from './actions/jobActions.ts';
import { referencesRouter } from './actions/referencesRouter.ts';
import { contextsRouter } from './clusters/routes.ts';
import { answerClientError, errorHandler, sendStatus, sendStatusBodyOnSocket, sendStatusOnSocket } from './http/errors.ts';
import { createAuditLog } from './http/audit.ts';
import { directRoute, expressMessages } from './http/directRoute.ts';
import { createSignIn, type SignIn } from './clusters/signIn/signIn.ts';
import { noStore, securityHeaders } from './http/headers.ts';
import type { Logger } from './log.ts';
import { healthRouter } from './http/health.ts';
import { pathOnly, requestId } from './http/requestLog.ts';
import { requestLog } from './http/requestLog.ts';
import { createOriginPolicy, hostGuard, mutationOriginGuard, requireJsonMutations } from './http/sameOrigin.ts';
import { createSpaHandler } from './http/spa.ts';
import { websocketHandshakeProblem } from './http/websocketHandshake.ts';
import { createKubeProxy, type KubeProxy } from './proxy/kubeProxy.ts';
import { requireKubeContentType } from './proxy/writeContentType.ts';
import { discoveryRouter } from './views/discovery/discoveryRouter.ts';
import { namespacesRouter } from './views/namespaces/namespacesRouter.ts';
import { createLiveHub, type LiveHub } from './views/live/hub.ts';
import { pageView } from './views/live/pageView.ts';

/** The raw query string of a request URL, without its `?`. */
function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

export interface ConsoleServerOptions {
  config: Config;
  clusters: ClusterRegistry;
  log: Logger;
  /** Replaces the built-SPA handler (dev mode: Vite's middlewares). */
  spa?: RequestHandler;
  /** Upgrades for which this is true belong to another listener (Vite's HMR socket). */
  foreignUpgrade?: (req: IncomingMessage) => boolean;
  /** Defaults to the real live hub. */
  liveHub?: LiveHub;
  /** Who requests act as; defaults to local mode (the console's own credentials). */
  signIn?: SignIn;
}

export interface ConsoleServer {
  app: express.Express;
  server: http.Server;
  proxy: KubeProxy;
  liveHub: LiveHub;
  /** Resolves with the console's URL (base path included). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stop accepting, close websockets (live and proxied) with 1001, end proxied watches cleanly, drain the rest. */
  close(): Promise<void>;
}

/** A websocket (terminal, live channel) does not outlive the session that opened it. */
function endWithSession(socket: Duplex, endsAt: number): void {
  // setTimeout fires at once beyond 2^31-1 ms (24.8 days); a longer session's sockets end then
  // and reconnect.
  const timer = setTimeout(() => socket.destroy(), Math.min(Math.max(0, endsAt - Date.now()), 2 ** 31 - 1));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** How long in-flight requests may finish on shutdown before their connections are cut. */
const DRAIN_MS = 3_000;

export function createConsoleServer(opts: ConsoleServerOptions): ConsoleServer {
  const { config, clusters, log } = opts;
  const base = config.basePath;
  const policy = createOriginPolicy(config);
  const signIn = opts.signIn ?? createSignIn({ mode: 'local', settings: config.auth, clusters, basePath: base, publicUrl: config.publicUrl, log });
  // Product routes act through registryOf(req, acting): the user's registry the gate attached,
  // else this one (the console's own in local mode; credential-less contexts when users sign in).
  const acting = signIn.fallback;
  const audit = createAuditLog(log, signIn.identityOf);
  const proxy = createKubeProxy(acting, log, audit.upgrade);
  const liveHub = opts.liveHub ?? createLiveHub(acting, log);
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  const logRequest = requestLog(log);
  const checkHost = hostGuard(policy);
  app.use(logRequest);
  // Probes come from the kubelet with the pod IP as Host: before the Host check, and also at the root.
  const health = healthRouter(clusters);
  app.use(health);
  if (base !== '/') app.use(base.slice(0, -1), health);
  app.use(checkHost);
  app.use(securityHeaders);

  app.use(`${base}auth`, noStore, mutationOriginGuard(policy), signIn.routes);
  const api = express.Router();
  api.use(noStore, mutationOriginGuard(policy), signIn.gate, audit.writes, requireJsonMutations, express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  api.use(contextsRouter(acting));
  api.use(jobsRouter(acting));
  api.use(cronJobRouter(acting)); // before actionsRouter: CronJobs are deleted in the batch version the cluster serves
  api.use(actionsRouter(acting));
  api.use(referencesRouter(acting));
  api.use(discoveryRouter(acting));
  api.use(namespacesRouter(acting));
  api.use((req, res) => sendStatus(res, 404, 'NotFound', `the console API has no ${req.method} ${pathOnly(req.originalUrl)}`));
  app.use(`${base}api`, api);
  const toKube = [noStore, mutationOriginGuard(policy), signIn.gate, audit.writes, requireKubeContentType, proxy.http];
  app.use(`${base}k8s`, ...toKube);

  if (base !== '/') app.get('/', (_req, res) => res.redirect(302, base));
  // A list page's rows start loading with the page. The browser spends a few hundred
  // milliseconds fetching and starting the SPA before it subscribes, and a list of 10,000 pods
  // takes the API server about as long: begun now, the two overlap. Only as the user the page
  // request acts as (the check a websocket gets, which renews no cookie), and never delaying it.
  // Only for a page load: another site's <img> or fetch of the address is no reason to list.
  app.use(base, (req, _res, next) => {
    const dest = req.headers['sec-fetch-dest'];
    const page = req.method === 'GET' && (dest === undefined || dest === 'document') ? pageView(req.path, queryOf(req.originalUrl)) : undefined;
    if (page) {
      signIn.admitUpgrade(req).then(
        (admitted) => {
          if (!('refusal' in admitted)) liveHub.warm(req, page);
        },
        (err: Error) => log.warn('page warm-up: sign-in check failed', { err: err.message }),
      );
    }
    next();
  });
  app.use(base, opts.spa ?? createSpaHandler({ distDir: config.distDir, basePath: base }));
  const notFound: RequestHandler = (_req, res) => res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not Found\n');
  const onError = errorHandler(log);
  app.use(notFound);
  app.use(onError);

  // The proxy's requests skip the router, through the same handlers (the health routes never
  // match under /k8s/); the router keeps serving every other path.
  const direct = directRoute(app, { before: [logRequest, checkHost, securityHeaders], mountPath: `${base}k8s`, mounted: toKube, onError, notFound });
  const server = http.createServer(expressMessages(app), (req, res) => {
    if (!direct(req, res)) app(req, res);
  });
  // Requests Node cannot parse never reach Express: answered here with the same headers and Status.
  server.on('clientError', answerClientError);
  const k8sPrefix = `${base}k8s/`;
  const livePath = `${base}api/live`;
  // Registered now, before listen: the first request after start may be a websocket.
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (opts.foreignUpgrade?.(req)) return;
    const id = requestId(req);
    const refuse = (code: number, reason: string, message: string) => {
      log.info('request', { id, method: req.method, path: pathOnly(req.url), status: code, upgrade: true });
      sendStatusOnSocket(socket, code, reason, message, { 'X-Request-Id': id });
    };
    const url = req.url ?? '/';
    const refusal = policy.checkHost(req) ?? policy.checkOrigin(req);
    if (refusal) return refuse(403, 'Forbidden', refusal);
    const toProxy = url.startsWith(k8sPrefix);
    const toLive = pathOnly(url) === livePath;
    if (!toProxy && !toLive) return refuse(404, 'NotFound', `nothing to upgrade at ${pathOnly(url)}`);
    if (toLive) {
      const problem = websocketHandshakeProblem(req);
      if (problem) return refuse(400, 'BadRequest', problem);
    }
    signIn.admitUpgrade(req).then(
      (admitted) => {
        if ('refusal' in admitted) {
          log.info('request', { id, method: req.method, path: pathOnly(req.url), status: admitted.refusal.code, upgrade: true });
          return sendStatusBodyOnSocket(socket, admitted.refusal, { 'X-Request-Id': id });
        }
        if (admitted.endsAt !== undefined) endWithSession(socket, admitted.endsAt);
        if (toProxy) proxy.upgrade(req, socket, head, url.slice(k8sPrefix.length - 1));
        else liveHub.handleUpgrade(req, socket, head);
      },
      (err: Error) => {
        log.error('sign-in check failed', { id, err: err.message });
        refuse(500, 'InternalError', 'internal error in the console server; see its log');
      },
    );
  });

  let closing: Promise<void> | undefined;
  return {
    app,
    server,
    proxy,
    liveHub,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve(`http://${h}:${addr.port}${base}`);
        });
      });
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([liveHub.close(1001), proxy.close()]);
        // Connections the ended watches leave idle.
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
