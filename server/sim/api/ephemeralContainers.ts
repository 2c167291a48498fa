/**
 * pods/NAME/ephemeralcontainers, as kube-apiserver serves it (podEphemeralContainersStrategy in
 * pkg/registry/core/pod/strategy.go): GET answers the Pod; PUT and PATCH take a Pod of which
 * only spec.ephemeralContainers counts (dropNonEphemeralContainerUpdates keeps everything else
 * from the stored pod), checked by ValidatePodEphemeralContainersUpdate.
 */
import { ApiError, badRequest } from '../../kube/status.ts';
import { clone, type KubeObject } from '../../kube/object.ts';
import { FieldErrors } from './admission/fieldErrors.ts';
import { dns1123Label } from './admission/names.ts';
import { defaultPullPolicy } from './admission/pods.ts';
import { writeParts } from './writeParts.ts';
import type { Json } from './patch/merge.ts';
import { toServed } from './representation.ts';
import { renderObject, representationOf } from './output.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { currentObject, isDryRun, readObject, serveGet } from './write.ts';

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- containers are wire JSON from the pod spec */
type Container = any;

/**
 * allowedEphemeralContainerFields: the EphemeralContainerCommon fields that may be set; the
 * others (ports, resources, probes, lifecycle, restartPolicy, ...) are refused with
 * "cannot be set for an Ephemeral Container", in the Go struct's field order.
 */
const FORBIDDEN_FIELDS = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

export async function serveEphemeralContainers(scope: Scope, verb: string): Promise<void> {
  if (verb === 'get') return serveGet(scope);
  const rep = representationOf(scope, false);
  const current = currentObject(scope);
  let next: KubeObject;
  if (verb === 'update') {
    next = await readObject(scope);
    if (next.kind && next.kind !== 'Pod') throw badRequest(`the kind in the data (${next.kind}) does not match the expected kind (Pod)`);
  } else if (verb === 'patch') {
    const { applyPatch, patchTypeOf } = writeParts();
    const type = patchTypeOf(scope.req.headers['content-type']);
    const body = parseBody(await readBody(scope.req), type === 'apply' ? 'yaml' : 'json');
    if (body === undefined) throw badRequest('the body of the request was empty');
    const served = toServed(scope.type, scope.version, current) as unknown as Json;
    next = applyPatch(type, served, body) as unknown as KubeObject;
    if (!next || typeof next !== 'object' || Array.isArray(next)) throw badRequest('the patch produced something that is not an object');
    // Without a resourceVersion in the patch the write is unconditional against what was read.
    if (!(body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: current.metadata.resourceVersion };
  } else {
    throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
  }
  if (next.metadata?.name && next.metadata.name !== scope.name) {
    throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${scope.name})`);
  }
  const updated = withEphemeralContainers(current, (next.spec?.ephemeralContainers ?? []) as Container[], next.metadata?.resourceVersion);
  const errs = new FieldErrors();
  validateEphemeralContainers(errs, updated, current);
  if (!errs.empty) throw errs.toError('Pod', '', scope.name ?? '');
  const stored = isDryRun(scope) ? updated : scope.deps.ctx.store.update('pods', updated);
  sendJson(scope.res, 200, renderObject(scope, stored, rep));
}

/** dropNonEphemeralContainerUpdates: the stored pod with the new list, defaulted as SetDefaults_EphemeralContainer does. */
function withEphemeralContainers(current: KubeObject, list: Container[], resourceVersion: string | undefined): KubeObject {
  const pod = clone(current);
  const ephemeral = clone(list).map((c: Container) => {
    if (!c || typeof c !== 'object') return c;
    c.imagePullPolicy ??= defaultPullPolicy(c.image);
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
    return c;
  });
  pod.spec = { ...pod.spec, ephemeralContainers: ephemeral };
  if (!ephemeral.length) delete pod.spec.ephemeralContainers;
  pod.metadata.resourceVersion = resourceVersion;
  return pod;
}

/** validateEphemeralContainers, then Part 2 of ValidatePodEphemeralContainersUpdate (existing ones stay as they were). */
export function validateEphemeralContainers(errs: FieldErrors, pod: KubeObject, old: KubeObject): void {
  const spec = pod.spec ?? {};
  const others = new Set<string>([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: Container) => c.name));
  const all = new Set(others);
  const volumes = new Set(((spec.volumes ?? []) as { name: string }[]).map((v) => v.name));
  ((spec.ephemeralContainers ?? []) as Container[]).forEach((c, i) => {
    const at = `spec.ephemeralContainers[${i}]`;
    if (!c.name) errs.required(`${at}.name`);
    else for (const msg of dns1123Label(c.name)) errs.invalid(`${at}.name`, c.name, msg);
    if (!c.image) errs.required(`${at}.image`);
    else if (String(c.image).trim() !== c.image) errs.invalid(`${at}.image`, c.image, 'must not have leading or trailing whitespace');
    ((c.volumeMounts ?? []) as { name: string }[]).forEach((m, j) => {
      if (!volumes.has(m.name)) errs.causes.push({ reason: 'FieldValueNotFound', field: `${at}.volumeMounts[${j}].name`, message: `Not found: ${JSON.stringify(m.name)}` });
    });
    if (c.name) {
      if (all.has(c.name)) errs.duplicate(`${at}.name`, c.name);
      else all.add(c.name);
    }
    if (c.targetContainerName && !others.has(c.targetContainerName)) {
      errs.causes.push({ reason: 'FieldValueNotFound', field: `${at}.targetContainerName`, message: `Not found: ${JSON.stringify(c.targetContainerName)}` });
    }
    for (const f of FORBIDDEN_FIELDS) if (isSet(c[f])) errs.forbidden(`${at}.${f}`, 'cannot be set for an Ephemeral Container');
    ((c.volumeMounts ?? []) as { subPath?: string; subPathExpr?: string }[]).forEach((m, j) => {
      if (m.subPath) errs.forbidden(`${at}.volumeMounts[${j}].subPath`, 'cannot be set for an Ephemeral Container');
      if (m.subPathExpr) errs.forbidden(`${at}.volumeMounts[${j}].subPathExpr`, 'cannot be set for an Ephemeral Container');
    });
  });
  // Order is not kept by patches, so each existing container is looked up by name.
  const byName = new Map(((spec.ephemeralContainers ?? []) as Container[]).map((c) => [c?.name, c]));
  for (const before of (old.spec?.ephemeralContainers ?? []) as Container[]) {
    const now = byName.get(before.name);
    if (!now) errs.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(before.name)} may not be removed\n`);
    else if (JSON.stringify(sorted(now)) !== JSON.stringify(sorted(before))) {
      const changed = Object.keys({ ...before, ...now })
        .filter((k) => JSON.stringify(sorted(before[k])) !== JSON.stringify(sorted(now[k])))
        .sort()
        .map((k) => `  \t${k[0].toUpperCase()}${k.slice(1)}: changed,`);
      errs.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(before.name)} may not be changed\n  core.EphemeralContainer{\n${changed.join('\n')}\n  }\n`);
    }
  }
}

/** A Go zero value (nil, "", 0, false, empty struct or slice) counts as unset. */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).some(isSet);
  return true;
}

/** JSON with keys in order, so two containers compare by content. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
