import { Clock, EventRecorder, type Controller, type SimContext } from './context.ts';
import { Store } from './api/store.ts';
import { ResourceRegistry, servedResources, type KubeMinor } from './api/resources.ts';
import { defaultMachinery } from './api/machinery.ts';
import { createApiHandler } from './api/router.ts';
import { Authorizer, type AuthConfig } from './api/auth.ts';
import { OidcAuthenticator, type OidcOptions } from './api/oidc.ts';
import { ensureBootstrapPolicy } from './api/rbac/bootstrapPolicy.ts';
import { ensureSystemNamespaces } from './api/systemNamespaces.ts';
import { serviceAccountTokensOf } from './api/tokens.ts';
import { loadPolicy } from './api/policy.ts';
import { writeKubeconfig } from './api/kubeconfig.ts';
import { createSimServer } from './server.ts';
import { allControllers } from './controllers/index.ts';
import { expireEvents } from './api/eventTtl.ts';
import { createKubelet, type Kubelet } from './kubelet/index.ts';
import { seedDemoCluster } from './seed/index.ts';
import { addScale, startChurn } from './seed/scale.ts';

export interface DemoClusterOptions {
  port?: number;
  host?: string;
  speed?: number;
  seed?: boolean;
  kubeVersion?: '1.20' | '1.24' | '1.32';
  /** Run the control loops (default), none, or all but the named ones (e.g. 'replicaset'). */
  controllers?: boolean | { except: readonly string[] };
  tls?: boolean;
  token?: string;
  policyFile?: string;
  /** Accept ID tokens of an OpenID Connect issuer, as kube-apiserver's --oidc-* flags. */
  oidc?: OidcOptions;
  writeKubeconfig?: string;
  scale?: number;
  churn?: number;
  /** Continue tokens older than this answer 410 Expired (default 5 minutes; tests shorten it). */
  continueTtlMs?: number;
  /** Interval of watch BOOKMARKs for clients that allow them (default 60 s). */
  bookmarkIntervalMs?: number;
  /** Events expire this long after their last write (default one hour, as kube-apiserver's --event-ttl). */
  eventTtlMs?: number;
}

export interface DemoCluster {
  url: string;
  port: number;
  ctx: SimContext;
  store: Store;
  kubelet: Kubelet;
  tls?: { caPem: string; clientCertPem: string; clientKeyPem: string };
  close(): Promise<void>;
}

// Test fixtures read the store directly (snapshots of what the fuzzer changed); they name its type here.
export type { Store } from './api/store.ts';

const MINORS: Record<string, KubeMinor> = { '1.20': 20, '1.24': 24, '1.32': 32 };

/** A living Kubernetes API server in this process: store, controllers, kubelet, HTTP(S). */
export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const kubeMinor = MINORS[opts.kubeVersion ?? '1.32'];
  if (!kubeMinor) throw new Error(`unsupported kube version ${opts.kubeVersion} (1.20, 1.24 or 1.32)`);
  const known = allControllers();
  const except = new Set(typeof opts.controllers === 'object' ? opts.controllers.except : []);
  // A misspelt name would silently leave the loop running; refuse it.
  const unknown = [...except].filter((name) => !known.some((c) => c.name === name));
  if (unknown.length) throw new Error(`no controller named ${unknown.join(', ')} (there are ${known.map((c) => c.name).join(', ')})`);
  const controllers: Controller[] = opts.controllers === false ? [] : known.filter((c) => !except.has(c.name));
  const host = opts.host ?? '127.0.0.1';
  const registry = new ResourceRegistry(servedResources(kubeMinor));
  const store = new Store(registry);
  const ctx: SimContext = { store, clock: new Clock(opts.speed ?? 1), events: new EventRecorder(store), kubeMinor };
  const policy = opts.policyFile ? loadPolicy(opts.policyFile) : undefined;
  const oidc = opts.oidc && new OidcAuthenticator(opts.oidc);

  const machinery = defaultMachinery();
  const kubelet = createKubelet();

  // kube-apiserver's own namespaces and its RBAC post-start hook: in every cluster, seeded or not.
  ensureSystemNamespaces(ctx);
  ensureBootstrapPolicy(ctx);
  if (opts.seed !== false) seedDemoCluster(ctx);
  if (opts.scale) addScale(ctx, opts.scale);

  for (const c of controllers) c.start(ctx);
  kubelet.start(ctx);
  const stopChurn = opts.churn ? startChurn(ctx, opts.churn) : undefined;
  const stopEventExpiry = expireEvents(store, opts.eventTtlMs);

  // node-forge is loaded only for TLS: importing it costs start-up time plain HTTP does not need.
  const pki = opts.tls ? (await import('./api/tls.ts')).createDemoPki(host === '0.0.0.0' ? [] : [host]) : undefined;
  const authn: AuthConfig = { token: opts.token, policy, tls: !!pki, serviceAccounts: serviceAccountTokensOf(store), oidc };
  const api = createApiHandler({
    ctx,
    registry,
    machinery,
    kubelet,
    authorizer: new Authorizer(policy, store),
    authn,
    continueTtlMs: opts.continueTtlMs ?? 5 * 60_000,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
  });
  const sim = createSimServer({ ...api, tls: pki && { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caPem } });
  let port: number;
  try {
    port = await sim.listen(opts.port ?? 0, host);
  } catch (err) {
    for (const c of controllers) c.stop();
    kubelet.stop();
    ctx.clock.stopAll();
    stopEventExpiry();
    throw err;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `${pki ? 'https' : 'http'}://${urlHost}:${port}`;
  if (opts.writeKubeconfig) {
    writeKubeconfig(opts.writeKubeconfig, { url, caPem: pki?.caPem, token: opts.token, clientCertPem: pki?.clientCertPem, clientKeyPem: pki?.clientKeyPem });
  }

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    ctx,
    store,
    kubelet,
    tls: pki && { caPem: pki.caPem, clientCertPem: pki.clientCertPem, clientKeyPem: pki.clientKeyPem },
    close() {
      closed ??= (async () => {
        stopChurn?.();
        stopEventExpiry();
        for (const c of [...controllers].reverse()) c.stop();
        kubelet.stop();
        ctx.clock.stopAll();
        await sim.close();
      })();
      return closed;
    },
  };
}
