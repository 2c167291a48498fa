/**
 * A container as the detail pages show it. Environment values that come from Secrets are
 * never read: only the reference (secret name and key) is shown.
 */

export interface EnvView {
  name: string;
  /** A literal value from the spec (not a secret: the spec holds it in plain text already). */
  value?: string;
  secretKeyRef?: { name: string; key: string };
  configMapKeyRef?: { name: string; key: string };
  fieldRef?: string;
  resourceFieldRef?: string;
}

export interface ContainerView {
  name: string;
  image: string;
  /** `init`, `sidecar` (restartable init container) or `app`. */
  role: 'init' | 'sidecar' | 'app';
  command?: string[];
  args?: string[];
  ports: { name?: string; containerPort: number; protocol: string }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  probes: { readiness?: unknown; liveness?: unknown; startup?: unknown };
  env: EnvView[];
  envFrom: { configMap?: string; secret?: string; prefix?: string }[];
  mounts: { name: string; mountPath: string; readOnly: boolean; subPath?: string }[];
}

interface EnvSpec {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key: string };
    configMapKeyRef?: { name?: string; key: string };
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string };
  };
}

interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  restartPolicy?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  startupProbe?: unknown;
  env?: EnvSpec[];
  envFrom?: { configMapRef?: { name?: string }; secretRef?: { name?: string }; prefix?: string }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
}

function envView(e: EnvSpec): EnvView {
  const from = e.valueFrom;
  if (from?.secretKeyRef) return { name: e.name, secretKeyRef: { name: from.secretKeyRef.name ?? '', key: from.secretKeyRef.key } };
  if (from?.configMapKeyRef) return { name: e.name, configMapKeyRef: { name: from.configMapKeyRef.name ?? '', key: from.configMapKeyRef.key } };
  if (from?.fieldRef) return { name: e.name, fieldRef: from.fieldRef.fieldPath };
  if (from?.resourceFieldRef) return { name: e.name, resourceFieldRef: from.resourceFieldRef.resource };
  return { name: e.name, value: e.value ?? '' };
}

function containerView(c: ContainerSpec, role: ContainerView['role']): ContainerView {
  return {
    name: c.name,
    image: c.image ?? '',
    role,
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    ports: (c.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    resources: { requests: { ...c.resources?.requests }, limits: { ...c.resources?.limits } },
    probes: {
      ...(c.readinessProbe ? { readiness: c.readinessProbe } : {}),
      ...(c.livenessProbe ? { liveness: c.livenessProbe } : {}),
      ...(c.startupProbe ? { startup: c.startupProbe } : {}),
    },
    env: (c.env ?? []).map(envView),
    envFrom: (c.envFrom ?? []).map((f) => ({
      ...(f.configMapRef ? { configMap: f.configMapRef.name ?? '' } : {}),
      ...(f.secretRef ? { secret: f.secretRef.name ?? '' } : {}),
      ...(f.prefix ? { prefix: f.prefix } : {}),
    })),
    mounts: (c.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: !!m.readOnly, ...(m.subPath ? { subPath: m.subPath } : {}) })),
  };
}

/** Init containers (sidecars marked), then app containers, of a pod spec or template spec. */
export function containerViews(spec: { containers?: unknown[]; initContainers?: unknown[] } | undefined): ContainerView[] {
  const init = ((spec?.initContainers ?? []) as ContainerSpec[]).map((c) => containerView(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
  return [...init, ...((spec?.containers ?? []) as ContainerSpec[]).map((c) => containerView(c, 'app'))];
}
