import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { container, deployment, service } from './templates.ts';

/**
 * A web shop in namespace `shop`: a healthy frontend, an api caught mid-rollout (its new
 * pods take a while to become ready), a postgres StatefulSet with one claim per replica,
 * a recommender that crash-loops, a renderer pod that fits no node, and disruption budgets
 * (postgres's allows no eviction at all).
 */
export function seedShop(ctx: SimContext): void {
  const create = (resource: string, obj: Parameters<typeof createAdmitted>[2]) => createAdmitted(ctx, resource, obj);

  create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'api-config', namespace: 'shop' },
    data: { 'LOG_LEVEL': 'info', 'FEATURE_FLAGS': 'checkout-v2,search-suggest', 'application.yaml': 'server:\n  port: 8080\n' },
  });
  create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'postgres-credentials', namespace: 'shop' },
    type: 'Opaque',
    data: { username: Buffer.from('shop').toString('base64'), password: Buffer.from('s3cr3t-demo-only').toString('base64') },
  });

  create(
    'deployments.apps',
    deployment('shop', 'frontend', 2, [{ name: 'web', image: 'nginx:1.27', cpu: '100m', memory: '128Mi', memoryLimit: '256Mi', port: 80, readyAfter: 2 }], {
      annotations: { 'kubernetes.io/change-cause': 'initial release' },
      labels: { tier: 'web' },
    }),
  );
  create('services', service('shop', 'frontend', 80, 80));

  // The api starts on 1.4.2; once it is up the seed upgrades it to 1.5.0, whose pods take
  // 45 s to pass readiness, so an operator opening the console finds a rollout under way.
  const api = deployment(
    'shop',
    'api',
    3,
    [
      {
        name: 'api',
        image: 'demo.registry/shop/api:1.4.2',
        cpu: '250m',
        memory: '256Mi',
        cpuLimit: '1',
        memoryLimit: '512Mi',
        port: 8080,
        readyAfter: 5,
        env: { DATABASE_HOST: 'postgres.shop.svc.cluster.local' },
      },
    ],
    {
      annotations: { 'kubernetes.io/change-cause': 'release 1.4.2' },
      labels: { tier: 'backend' },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    },
  );
  const apiContainer = (api.spec.template.spec.containers as Record<string, unknown>[])[0];
  apiContainer.envFrom = [{ configMapRef: { name: 'api-config' } }];
  // The api reads its database password from the postgres Secret: the references section links both.
  (apiContainer.env as Record<string, unknown>[]).push({ name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'password' } } });
  create('deployments.apps', api);
  create('services', service('shop', 'api', 8080, 8080));
  ctx.clock.after(20_000, () => startApiUpgrade(ctx));

  create(
    'deployments.apps',
    deployment('shop', 'recommender', 1, [{ name: 'recommender', image: 'demo.registry/tools/crashloop:2.0', cpu: '100m', memory: '64Mi' }], {
      labels: { tier: 'backend' },
    }),
  );

  create('services', service('shop', 'postgres', 5432, 5432, { headless: true }));
  create('statefulsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'postgres', namespace: 'shop', labels: { app: 'postgres', tier: 'data' } },
    spec: {
      serviceName: 'postgres',
      replicas: 2,
      selector: { matchLabels: { app: 'postgres' } },
      template: {
        metadata: { labels: { app: 'postgres', tier: 'data' } },
        spec: {
          containers: [
            {
              ...container({ name: 'postgres', image: 'postgres:16.4', cpu: '500m', memory: '1Gi', memoryLimit: '2Gi', mounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }),
              ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
              env: [
                { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'username' } } },
                { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'password' } } },
                { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
              ],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '2Gi' } } },
        },
      ],
    },
  });

  // Budgets: the frontend may lose one pod to a drain; postgres, with minAvailable equal to its
  // replicas, may lose none, the budget behind many a node drain that never finishes.
  create('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'frontend', namespace: 'shop' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'frontend' } } },
  });
  create('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'postgres', namespace: 'shop' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'postgres' } } },
  });

  // Asks for more CPU than any node has: stays Pending with a FailedScheduling event.
  create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'report-renderer', namespace: 'shop', labels: { app: 'report-renderer' } },
    spec: { containers: [container({ name: 'renderer', image: 'demo.registry/shop/worker:3.1', cpu: '12', memory: '4Gi' })] },
  });
}

/** `kubectl set image deployment/api api=demo.registry/shop/api:1.5.0`, recorded with a change-cause. */
function startApiUpgrade(ctx: SimContext): void {
  ctx.store.mutate('deployments.apps', 'shop', 'api', (d) => {
    const c = d.spec.template.spec.containers[0];
    if (c.image !== 'demo.registry/shop/api:1.4.2') return false;
    c.image = 'demo.registry/shop/api:1.5.0';
    c.readinessProbe = { ...c.readinessProbe, initialDelaySeconds: 45 };
    d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': 'release 1.5.0: checkout v2' };
  });
}
