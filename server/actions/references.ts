/**
 * The references view model of a workload or pod: every ConfigMap, Secret, claim and
 * ServiceAccount its pod template names, each read from the API server to say whether it is
 * there (404 and 403 are answers, not failures), and the Services in the namespace that select
 * its pods. Explanations are codes with parameters; the SPA words them.
 */
import type { V1PodSpec } from '@kubernetes/client-node';
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath, type ResourceRef } from '../kube/apiPath.ts';
import type { KubeObject } from '../kube/object.ts';
import { keysNeeded, podTemplateReferences, type PodReference, type ReferencedKind, type ReferenceUse } from '../kube/podTemplateReferences.ts';
import { servicesSelecting } from '../kube/serviceSelection.ts';
import { objectPath, type KindInfo } from './kinds.ts';

export type ReferenceState = 'present' | 'missing' | 'forbidden';

/** Why a reference deserves a look; `tone` is the SPA's colour: `bad` blocks the pods, `note` does not. */
export type ReferenceNote =
  /** A required ConfigMap/Secret is missing: env use → CreateContainerConfigError; volume use → stuck ContainerCreating (FailedMount). */
  | { code: 'missingRequired'; kind: 'ConfigMap' | 'Secret'; name: string; effect: 'configError' | 'mountFails' }
  /** Missing, but every use is `optional: true`: the pods start without it. */
  | { code: 'missingOptional'; kind: 'ConfigMap' | 'Secret'; name: string }
  /** The object exists without a key a use needs (an env key, or a volume's `items`). */
  | { code: 'missingKey'; kind: 'ConfigMap' | 'Secret'; name: string; key: string; optional: boolean; effect: 'configError' | 'mountFails' }
  /** The kubelet pulls without it ("Unable to retrieve some image pull secrets"); private images then fail. */
  | { code: 'missingPullSecret'; name: string }
  /** The scheduler will not place a pod whose claim is missing. */
  | { code: 'missingClaim'; name: string }
  /** A StatefulSet claim not created yet: the controller creates it with its pod. */
  | { code: 'claimFromTemplate'; name: string; template: string }
  /** The claim exists but is not Bound: its pods wait for it. */
  | { code: 'claimNotBound'; name: string; phase: string }
  /** Admission refuses pods naming a ServiceAccount that does not exist. */
  | { code: 'missingServiceAccount'; name: string }
  /** The user may not read the object: whether it exists cannot be told. */
  | { code: 'forbidden'; kind: ReferencedKind; name: string };

export interface ReferencedObject extends PodReference {
  group: '';
  plural: string;
  state: ReferenceState;
  notes: ReferenceNote[];
}

export interface SelectingService {
  name: string;
  selector: Record<string, string>;
  type?: string;
}

export interface WorkloadReferences {
  kind: string;
  namespace: string;
  name: string;
  objects: ReferencedObject[];
  /** The Services whose selector matches the pods' labels; undefined when services may not be listed. */
  services?: SelectingService[];
}

const PLURALS: Record<ReferencedKind, string> = { ConfigMap: 'configmaps', Secret: 'secrets', PersistentVolumeClaim: 'persistentvolumeclaims', ServiceAccount: 'serviceaccounts' };
const core = (plural: string): ResourceRef => ({ group: '', version: 'v1', plural });

export type ReferenceRead = { state: 'present'; object: KubeObject } | { state: 'missing' } | { state: 'forbidden' };

async function read(ctx: ClusterContext, path: string): Promise<ReferenceRead> {
  try {
    return { state: 'present', object: await kubeJson<KubeObject>(ctx, path) };
  } catch (err) {
    if (err instanceof KubeStatusError && err.status.code === 404) return { state: 'missing' };
    if (err instanceof KubeStatusError && err.status.code === 403) return { state: 'forbidden' };
    throw err;
  }
}

const usesEnv = (u: ReferenceUse) => u.via === 'envFrom' || u.via === 'envKey';

/** What a reference's state means for the pods; pure, so the rule is tested without a cluster. */
export function referenceNotes(ref: PodReference, got: ReferenceRead): ReferenceNote[] {
  const { kind, name } = ref;
  if (got.state === 'forbidden') return [{ code: 'forbidden', kind, name }];
  if (kind === 'ConfigMap' || kind === 'Secret') {
    const required = ref.uses.filter((u) => !u.optional);
    const effect = (uses: ReferenceUse[]) => (uses.some(usesEnv) ? 'configError' : 'mountFails');
    if (got.state === 'missing') {
      if (required.length === 0) return [{ code: 'missingOptional', kind, name }];
      if (required.every((u) => u.via === 'imagePullSecret')) return [{ code: 'missingPullSecret', name }];
      return [{ code: 'missingRequired', kind, name, effect: effect(required.filter((u) => u.via !== 'imagePullSecret')) }];
    }
    const o = got.object;
    const held = new Set([...Object.keys((o.data as object | undefined) ?? {}), ...Object.keys((o.binaryData as object | undefined) ?? {})]);
    const notes: ReferenceNote[] = [];
    const seen = new Set<string>();
    for (const u of ref.uses) {
      for (const key of keysNeeded(u)) {
        if (held.has(key) || seen.has(`${key}/${u.optional}`)) continue;
        seen.add(`${key}/${u.optional}`);
        notes.push({ code: 'missingKey', kind, name, key, optional: u.optional, effect: usesEnv(u) ? 'configError' : 'mountFails' });
      }
    }
    return notes;
  }
  if (kind === 'PersistentVolumeClaim') {
    const template = ref.uses.find((u) => u.via === 'claimTemplate');
    if (got.state === 'missing') return [template ? { code: 'claimFromTemplate', name, template: template.template } : { code: 'missingClaim', name }];
    const phase = String(got.object.status?.phase ?? 'Pending');
    return phase === 'Bound' ? [] : [{ code: 'claimNotBound', name, phase }];
  }
  return got.state === 'missing' ? [{ code: 'missingServiceAccount', name }] : [];
}

interface Template {
  spec: V1PodSpec;
  labels: Record<string, string>;
  statefulSet?: Parameters<typeof podTemplateReferences>[1];
}

function templateOf(kind: KindInfo, obj: KubeObject): Template {
  if (kind.kind === 'Pod') return { spec: (obj.spec ?? {}) as V1PodSpec, labels: obj.metadata.labels ?? {} };
  const template = obj.spec?.template ?? {};
  const out: Template = { spec: (template.spec ?? {}) as V1PodSpec, labels: (template.metadata?.labels as Record<string, string> | undefined) ?? {} };
  if (kind.kind === 'StatefulSet') {
    const templates = ((obj.spec?.volumeClaimTemplates as KubeObject[] | undefined) ?? []).map((t) => t.metadata?.name ?? '').filter(Boolean);
    out.statefulSet = { setName: obj.metadata.name ?? '', replicas: Number(obj.spec?.replicas ?? 1), firstOrdinal: Number(obj.spec?.ordinals?.start ?? 0), templates };
  }
  return out;
}

export async function workloadReferencesFor(ctx: ClusterContext, kind: KindInfo, namespace: string, name: string): Promise<WorkloadReferences> {
  const obj = await kubeJson<KubeObject>(ctx, objectPath(kind, namespace, name));
  const { spec, labels, statefulSet } = templateOf(kind, obj);
  const refs = podTemplateReferences(spec, statefulSet);
  const [reads, services] = await Promise.all([
    Promise.all(refs.map((r) => read(ctx, resourcePath(core(PLURALS[r.kind]), { namespace, name: r.name })))),
    kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(core('services'), { namespace }))
      .then((l) => l.items)
      .catch((err: unknown) => {
        if (err instanceof KubeStatusError && err.status.code === 403) return undefined;
        throw err;
      }),
  ]);
  const objects = refs.map((r, i): ReferencedObject => ({ ...r, group: '', plural: PLURALS[r.kind], state: reads[i].state, notes: referenceNotes(r, reads[i]) }));
  return {
    kind: kind.kind,
    namespace,
    name,
    objects,
    ...(services
      ? {
          services: servicesSelecting(services, labels).map((s) => ({
            name: s.metadata.name ?? '',
            selector: s.spec?.selector as Record<string, string>,
            ...(s.spec?.type ? { type: String(s.spec.type) } : {}),
          })),
        }
      : {}),
  };
}
