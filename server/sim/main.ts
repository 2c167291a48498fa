import { parseArgs } from 'node:util';
import { startDemoCluster, type DemoClusterOptions } from './index.ts';

/** `npm run demo-cluster -- --port N [--speed S] [--kube-version 1.20] [--tls] [--token T] [--oidc-issuer-url U --oidc-client-id C] ...` */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: '1' },
    'kube-version': { type: 'string', default: '1.32' },
    tls: { type: 'boolean', default: false },
    token: { type: 'string' },
    policy: { type: 'string' },
    // As kube-apiserver's flags of the same names.
    'oidc-issuer-url': { type: 'string' },
    'oidc-client-id': { type: 'string' },
    'oidc-username-claim': { type: 'string' },
    'oidc-username-prefix': { type: 'string' },
    'oidc-groups-claim': { type: 'string' },
    'oidc-groups-prefix': { type: 'string' },
    'oidc-signing-algs': { type: 'string' },
    'oidc-required-claim': { type: 'string', multiple: true },
    'write-kubeconfig': { type: 'string' },
    scale: { type: 'string', default: '0' },
    churn: { type: 'string', default: '0' },
    'no-seed': { type: 'boolean', default: false },
    'no-controllers': { type: 'boolean', default: false },
  },
  strict: true,
});

function num(name: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got ${v}`);
    process.exit(2);
  }
  return n;
}

const kubeVersion = values['kube-version'];
if (kubeVersion !== '1.20' && kubeVersion !== '1.24' && kubeVersion !== '1.32') {
  console.error(`--kube-version must be 1.20, 1.24 or 1.32, got ${kubeVersion}`);
  process.exit(2);
}

/** --oidc-required-claim key=value, repeated. */
function requiredClaims(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) {
      console.error(`--oidc-required-claim must be key=value, got ${p}`);
      process.exit(2);
    }
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

const issuerUrl = values['oidc-issuer-url'];
const clientId = values['oidc-client-id'];
if (!!issuerUrl !== !!clientId) {
  console.error('--oidc-issuer-url and --oidc-client-id go together');
  process.exit(2);
}

const opts: DemoClusterOptions = {
  port: num('port', values.port),
  host: values.host,
  speed: num('speed', values.speed) || 1,
  kubeVersion,
  tls: values.tls,
  token: values.token,
  policyFile: values.policy,
  oidc:
    issuerUrl && clientId
      ? {
          issuerUrl,
          clientId,
          usernameClaim: values['oidc-username-claim'],
          usernamePrefix: values['oidc-username-prefix'],
          groupsClaim: values['oidc-groups-claim'],
          groupsPrefix: values['oidc-groups-prefix'],
          signingAlgs: values['oidc-signing-algs']?.split(',').map((a) => a.trim()).filter(Boolean),
          requiredClaims: requiredClaims(values['oidc-required-claim'] ?? []),
        }
      : undefined,
  writeKubeconfig: values['write-kubeconfig'],
  scale: num('scale', values.scale),
  churn: num('churn', values.churn),
  seed: !values['no-seed'],
  controllers: !values['no-controllers'],
};

const cluster = await startDemoCluster(opts);
console.log(`demo cluster listening on ${cluster.url}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void cluster.close().then(() => {
    console.error(`demo cluster stopped (${signal})`);
    process.exit(0);
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
