import { randomSuffix } from '../store.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { dns1123Label } from './names.ts';

/* Pod specs are free-form JSON here; these helpers read and default them in place. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Always for `:latest` or untagged images, IfNotPresent otherwise (digests count as tagged). */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  if (tagAt < 0) return 'Always';
  return image.slice(tagAt + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Json): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

/** SetDefaults_PodSpec and friends: what every pod spec (pods and templates) gets. */
export function defaultPodSpec(spec: Json): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.emptyDir === null) v.emptyDir = {};
  }
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Admission on pod create: ServiceAccount, DefaultTolerationSeconds and Priority plugins, plus status. */
export function defaultNewPod(pod: KubeObject): void {
  const spec: Json = (pod.spec ??= {});
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const tolerations: Json[] = (spec.tolerations ??= []);
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerations.some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect))) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  if (spec.automountServiceAccountToken !== false) mountServiceAccountToken(spec);
  pod.status = { phase: 'Pending', qosClass: qosClass(spec) };
}

/** The projected token volume the ServiceAccount admission plugin adds to every container. */
function mountServiceAccountToken(spec: Json): void {
  const volumes: Json[] = (spec.volumes ??= []);
  if (volumes.some((v) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-'))) return;
  const name = `kube-api-access-${randomSuffix()}`;
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const mounts: Json[] = (c.volumeMounts ??= []);
    if (!mounts.some((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount')) {
      mounts.push({ name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
    }
  }
}

/** Guaranteed when every container has equal cpu and memory requests and limits, BestEffort when none has any. */
export function qosClass(spec: Json): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Json[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits: Json = c.resources?.limits ?? {};
    const requests: Json = { ...limits, ...(c.resources?.requests ?? {}) };
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined || String(requests[r]) !== String(limits[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** ValidatePodSpec, the parts operators run into. `path` is `spec` or `spec.template.spec`. */
export function validatePodSpec(errs: FieldErrors, spec: Json | undefined, path: string): void {
  if (!spec) {
    errs.required(path);
    return;
  }
  const containers: Json[] = spec.containers ?? [];
  if (!containers.length) errs.required(`${path}.containers`);
  const names = new Set<string>();
  const check = (list: Json[], field: string) =>
    list.forEach((c, i) => {
      const at = `${path}.${field}[${i}]`;
      if (!c.name) errs.required(`${at}.name`);
      else {
        for (const msg of dns1123Label(c.name)) errs.invalid(`${at}.name`, c.name, msg);
        if (names.has(c.name)) errs.duplicate(`${at}.name`, c.name);
        names.add(c.name);
      }
      if (!c.image || !String(c.image).trim()) errs.required(`${at}.image`);
      (c.ports ?? []).forEach((p: Json, j: number) => {
        const port = p.containerPort;
        if (typeof port !== 'number' || port < 1 || port > 65535) errs.invalid(`${at}.ports[${j}].containerPort`, port ?? 0, 'must be between 1 and 65535, inclusive');
        // hostPort 0 means none.
        if (p.hostPort && !(p.hostPort >= 1 && p.hostPort <= 65535)) errs.invalid(`${at}.ports[${j}].hostPort`, p.hostPort, 'must be between 1 and 65535, inclusive');
      });
      if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
        errs.notSupported(`${at}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']);
      }
    });
  check(spec.initContainers ?? [], 'initContainers');
  check(containers, 'containers');
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) errs.notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES);
  // An int64 on the wire, but ValidatePodSpec bounds it to an int32.
  if (spec.activeDeadlineSeconds != null && !(spec.activeDeadlineSeconds > 0 && spec.activeDeadlineSeconds <= 2147483647)) {
    errs.invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive');
  }
}

const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations (and metadata) may change. */
export function validatePodUpdate(errs: FieldErrors, pod: KubeObject, old: KubeObject): void {
  const masked = (spec: Json, from: Json): Json => {
    const copy: Json = structuredClone(spec ?? {});
    const images = (list: Json[] | undefined, src: Json[] | undefined) => list?.forEach((c, i) => src?.[i] && (c.image = src[i].image));
    images(copy.containers, from.containers);
    images(copy.initContainers, from.initContainers);
    copy.activeDeadlineSeconds = from.activeDeadlineSeconds;
    copy.terminationGracePeriodSeconds = from.terminationGracePeriodSeconds;
    const oldTolerations: Json[] = from.tolerations ?? [];
    const newTolerations: Json[] = copy.tolerations ?? [];
    const kept = oldTolerations.every((t) => newTolerations.some((n) => JSON.stringify(n) === JSON.stringify(t)));
    if (kept) copy.tolerations = from.tolerations;
    return copy;
  };
  const before: Json = old.spec ?? {};
  const after = masked(pod.spec, before);
  const changed = diffKeys(before, after);
  if (changed.length) errs.forbidden('spec', `${UPDATABLE}\n  core.PodSpec{\n${changed.map((k) => `  \t${k}: changed,`).join('\n')}\n  }\n`);
}

/** Top-level keys whose values differ, in a stable order (the real server prints a cmp.Diff). */
export function diffKeys(a: Json, b: Json): string[] {
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  return keys.filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k])).map((k) => k[0].toUpperCase() + k.slice(1));
}
