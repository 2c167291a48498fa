import type { KubeObject } from '../../kube/object.ts';

export interface ContainerShape {
  name: string;
  image: string;
  cpu?: string;
  memory?: string;
  cpuLimit?: string;
  memoryLimit?: string;
  port?: number;
  /** Seconds before the readiness probe first passes. */
  readyAfter?: number;
  env?: Record<string, string>;
  command?: string[];
  mounts?: { name: string; mountPath: string }[];
}

/** The shop's services answer /healthz; a plain nginx has only its index page (anything else is a 404). */
function probePath(image: string): string {
  return image.startsWith('nginx:') ? '/' : '/healthz';
}

/** A container spec as an operator would write it (the API server adds the defaults). */
export function container(c: ContainerShape): Record<string, unknown> {
  const resources: Record<string, Record<string, string>> = {};
  if (c.cpu || c.memory) resources.requests = { ...(c.cpu ? { cpu: c.cpu } : {}), ...(c.memory ? { memory: c.memory } : {}) };
  if (c.cpuLimit || c.memoryLimit) {
    resources.limits = { ...(c.cpuLimit ? { cpu: c.cpuLimit } : {}), ...(c.memoryLimit ? { memory: c.memoryLimit } : {}) };
  }
  return {
    name: c.name,
    image: c.image,
    ...(c.command ? { command: c.command } : {}),
    ...(c.port ? { ports: [{ name: 'http', containerPort: c.port, protocol: 'TCP' }] } : {}),
    ...(c.env ? { env: Object.entries(c.env).map(([name, value]) => ({ name, value })) } : {}),
    resources,
    ...(c.readyAfter !== undefined && c.port
      ? { readinessProbe: { httpGet: { path: probePath(c.image), port: c.port }, initialDelaySeconds: c.readyAfter, periodSeconds: 5 } }
      : {}),
    ...(c.mounts ? { volumeMounts: c.mounts } : {}),
  };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  containers: ContainerShape[],
  extra: { annotations?: Record<string, string>; labels?: Record<string, string>; strategy?: Record<string, unknown>; volumes?: unknown[] } = {},
): KubeObject {
  const labels = { app: name, ...extra.labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(extra.strategy ? { strategy: extra.strategy } : {}),
      template: {
        metadata: { labels },
        spec: { containers: containers.map(container), ...(extra.volumes ? { volumes: extra.volumes } : {}) },
      },
    },
  };
}

export function service(namespace: string, name: string, port: number, targetPort: number, opts: { headless?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      selector: { app: name },
      ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }],
      ...(opts.headless ? { clusterIP: 'None' } : {}),
    },
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
