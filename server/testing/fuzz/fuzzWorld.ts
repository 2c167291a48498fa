/**
 * The namespaces the fuzz cases aim at. `victim` holds one object of every kind the actions API
 * can name, made quiet on purpose (no replicas, suspended, nothing to schedule), so any change
 * in it is a write some case made; `fuzz` holds a bystander and the control cases' objects.
 * A namespace a case damaged is retired (deleted) and built again under a new name.
 */
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../../sim/index.ts';
import { settle } from './clusterSnapshot.ts';
import type { DirectApi } from './directApi.ts';

/** An object of the victim namespace as a page would have seen it. */
export interface SeenTarget {
  /** As the actions API names the kind in URLs. */
  plural: string;
  name: string;
  uid: string;
  generation?: number;
  resourceVersion: string;
}

const STORE_RESOURCE: Record<string, string> = {
  deployments: 'deployments.apps',
  statefulsets: 'statefulsets.apps',
  daemonsets: 'daemonsets.apps',
  replicasets: 'replicasets.apps',
  pods: 'pods',
  jobs: 'jobs.batch',
  cronjobs: 'cronjobs.batch',
  persistentvolumeclaims: 'persistentvolumeclaims',
};

const labels = (app: string) => ({ app });
// `sleep infinity`: a quiet pod must not finish its sleep and restart however long a run takes
// (`sleep 3600` ended 72 s into a run at speed 50, changing the pod and its budget mid-case).
const podSpec = (image: string, extra: Record<string, unknown> = {}) => ({ containers: [{ name: 'main', image, command: ['sleep', 'infinity'] }], ...extra });
const template = (app: string, image: string, extra: Record<string, unknown> = {}) => ({ metadata: { labels: labels(app) }, spec: podSpec(image, extra) });
const selector = (app: string) => ({ matchLabels: labels(app) });

/** Victim objects, created in this order; `next` is a second template, so there is a revision to roll back to. */
const VICTIMS: { path: string; body: (ns: string) => KubeObject; next?: (o: KubeObject) => void }[] = [
  {
    path: '/apis/apps/v1/namespaces/{ns}/deployments',
    body: () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: labels('web') }, spec: { replicas: 0, selector: selector('web'), template: template('web', 'nginx:1.27') } }),
    next: (o) => {
      o.spec.template.spec.containers[0].image = 'nginx:1.28';
      o.metadata.annotations = { 'kubernetes.io/change-cause': 'fuzz: second revision' };
    },
  },
  {
    path: '/apis/apps/v1/namespaces/{ns}/deployments',
    body: () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'held' }, spec: { replicas: 0, paused: true, selector: selector('held'), template: template('held', 'nginx:1.27') } }),
  },
  {
    path: '/apis/apps/v1/namespaces/{ns}/statefulsets',
    body: () => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 0, serviceName: 'db', selector: selector('db'), template: template('db', 'fuzz.invalid/db:1') } }),
    next: (o) => void (o.spec.template.spec.containers[0].image = 'fuzz.invalid/db:2'),
  },
  {
    path: '/apis/apps/v1/namespaces/{ns}/daemonsets',
    body: () => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: selector('agent'), template: template('agent', 'fuzz.invalid/agent:1', { nodeSelector: { 'fuzz.example/never': 'true' } }) } }),
    next: (o) => void (o.spec.template.spec.containers[0].image = 'fuzz.invalid/agent:2'),
  },
  {
    path: '/apis/apps/v1/namespaces/{ns}/replicasets',
    body: () => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'lone' }, spec: { replicas: 0, selector: selector('lone'), template: template('lone', 'nginx:1.27') } }),
  },
  { path: '/api/v1/namespaces/{ns}/pods', body: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', labels: labels('solo') }, spec: podSpec('busybox:1.36') }) },
  {
    path: '/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets',
    body: () => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'solo-guard' }, spec: { minAvailable: 1, selector: selector('solo') } }),
  },
  {
    path: '/apis/batch/v1/namespaces/{ns}/jobs',
    body: () => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { suspend: true, template: { spec: { ...podSpec('busybox:1.36'), restartPolicy: 'Never' } } } }),
  },
  {
    path: '/apis/batch/v1/namespaces/{ns}/cronjobs',
    body: () => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', suspend: true, jobTemplate: { spec: { template: { spec: { ...podSpec('busybox:1.36'), restartPolicy: 'Never' } } } } },
    }),
  },
  {
    path: '/api/v1/namespaces/{ns}/persistentvolumeclaims',
    body: () => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fuzz-none', resources: { requests: { storage: '1Gi' } } } }),
  },
  { path: '/api/v1/namespaces/{ns}/configmaps', body: () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } }) },
];

export class FuzzWorld {
  victim = 'victim';
  fuzz = 'fuzz';
  /** Namespaces a case damaged: deleted by the harness, their churn ignored. */
  readonly retired = new Set<string>();
  private generation = 1;

  constructor(
    private readonly store: Store,
    private readonly api: DirectApi,
  ) {}

  get quiet(): ReadonlySet<string> {
    return new Set([this.victim, this.fuzz]);
  }

  async build(): Promise<void> {
    await this.buildVictim(this.victim);
    await this.buildFuzz(this.fuzz);
    await this.settle();
  }

  /** Waits until the world's namespaces are quiet; false when they would not settle. */
  settle(maxMs = 8000): Promise<boolean> {
    return settle(this.store, this.quiet, 250, maxMs);
  }

  /** Builds the named namespaces again under new names and deletes the damaged ones. */
  async rebuild(which: { victim: boolean; fuzz: boolean }): Promise<void> {
    this.generation++;
    if (which.victim) {
      this.retire(this.victim);
      this.victim = `victim-${this.generation}`;
      await this.buildVictim(this.victim);
    }
    if (which.fuzz) {
      this.retire(this.fuzz);
      this.fuzz = `fuzz-${this.generation}`;
      await this.buildFuzz(this.fuzz);
    }
    await this.settle();
  }

  /** An object (of the victim namespace unless told) as the store has it now, or undefined. */
  seen(plural: string, name: string, ns = this.victim): SeenTarget | undefined {
    const o = this.store.getRef(STORE_RESOURCE[plural] ?? plural, ns, name);
    if (!o) return undefined;
    return { plural, name, uid: o.metadata.uid ?? '', generation: o.metadata.generation, resourceVersion: o.metadata.resourceVersion ?? '' };
  }

  /** Names of every victim object of a kind (including the ReplicaSets web's rollouts made). */
  names(plural: string): string[] {
    const resource = STORE_RESOURCE[plural];
    return resource ? this.store.listRefs(resource, this.victim).map((o) => o.metadata.name ?? '') : [];
  }

  private retire(ns: string): void {
    this.retired.add(ns);
    this.api('DELETE', `/api/v1/namespaces/${ns}`).catch(() => undefined);
  }

  private async buildVictim(ns: string): Promise<void> {
    await this.api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'fuzz.example/role': 'victim' } } });
    for (const v of VICTIMS) {
      const path = v.path.replace('{ns}', ns);
      const created = await this.api('POST', path, v.body(ns));
      if (!v.next) continue;
      // The controller must record the first template as a revision before the second arrives.
      await settle(this.store, new Set([ns]), 150, 3000);
      const current = await this.api('GET', `${path}/${created.metadata.name}`);
      v.next(current);
      await this.api('PUT', `${path}/${created.metadata.name}`, current);
    }
  }

  private async buildFuzz(ns: string): Promise<void> {
    await this.api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'fuzz.example/role': 'fuzz' } } });
    const bystander = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bystander' }, spec: { replicas: 0, selector: selector('bystander'), template: template('bystander', 'nginx:1.27') } };
    await this.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, bystander);
  }
}
