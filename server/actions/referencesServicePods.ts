/**
 * The pods a Service selects, each with whether it is a ready endpoint — read from the
 * Service's Endpoints object, or its EndpointSlices where Endpoints is not served — and, for
 * one that is not, why (codes the SPA words). When it selects no pod, pods that match part of
 * the selector are listed as near misses: a label typo is the usual reason for no endpoints.
 */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';
import type { KubeObject } from '../kube/object.ts';
import { nearMiss, serviceSelects, type SelectorMiss } from '../kube/serviceSelection.ts';

export type EndpointsSource = 'Endpoints' | 'EndpointSlice' | 'none' | 'forbidden';

/** Why a selected pod is not a ready endpoint. */
export type EndpointNote =
  /** Listed as not ready: its Ready condition is False; `containers` are the ones not ready. */
  | { code: 'podNotReady'; containers: string[] }
  /** No IP yet (not scheduled or still starting): the endpoints controller skips it. */
  | { code: 'noPodIP' }
  | { code: 'terminating' }
  /** Succeeded or Failed pods are never endpoints. */
  | { code: 'finished'; phase: string }
  /** A named targetPort none of the pod's containers declares. */
  | { code: 'noTargetPort'; port: string }
  /** Selected and ready, yet not listed: the endpoints controller has not caught up (or the source is unreadable). */
  | { code: 'notListed' };

export interface ServicePod {
  name: string;
  phase: string;
  podIP?: string;
  node?: string;
  /** `ready`: a ready endpoint; `notReady`: listed as not ready; `notListed`: selected but absent. */
  endpoint: 'ready' | 'notReady' | 'notListed';
  notes: EndpointNote[];
}

export interface ServicePods {
  namespace: string;
  name: string;
  /** Null when the Service has no selector: it selects nothing, its endpoints are written by hand. */
  selector: Record<string, string> | null;
  endpointsSource: EndpointsSource;
  pods: ServicePod[];
  /** Pods matching part of the selector, listed only when no pod is selected. */
  nearMisses: { name: string; misses: SelectorMiss[] }[];
  /** Ready addresses that are no selected pod (hand-written endpoints, or another pod's IP). */
  otherAddresses: { ip: string; target?: string }[];
}

interface Listed {
  ready: Map<string, boolean>;
  addresses: { ip: string; target?: string; ready: boolean }[];
}

async function optionalRead<T>(read: Promise<T>): Promise<T | 404 | 403> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) return err.status.code;
    throw err;
  }
}

interface Address {
  ip: string;
  targetRef?: { kind?: string; name?: string };
}

/** Endpoints first (every cluster still serves it); EndpointSlices by `kubernetes.io/service-name` where it is not. */
async function listedEndpoints(ctx: ClusterContext, namespace: string, name: string): Promise<{ source: EndpointsSource; listed: Listed }> {
  const listed: Listed = { ready: new Map(), addresses: [] };
  const note = (a: Address, ready: boolean) => {
    const target = a.targetRef?.kind === 'Pod' ? a.targetRef.name : undefined;
    if (target) listed.ready.set(target, ready || (listed.ready.get(target) ?? false));
    listed.addresses.push({ ip: a.ip, ready, ...(target ? { target } : {}) });
  };
  const ep = await optionalRead(kubeJson<KubeObject>(ctx, resourcePath({ group: '', version: 'v1', plural: 'endpoints' }, { namespace, name })));
  if (typeof ep === 'object') {
    for (const s of (ep.subsets as { addresses?: Address[]; notReadyAddresses?: Address[] }[] | undefined) ?? []) {
      for (const a of s.addresses ?? []) note(a, true);
      for (const a of s.notReadyAddresses ?? []) note(a, false);
    }
    return { source: 'Endpoints', listed };
  }
  const slices = await optionalRead(
    kubeJson<{ items: KubeObject[] }>(ctx, resourcePath({ group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices' }, { namespace }), {
      query: { labelSelector: `kubernetes.io/service-name=${name}` },
    }),
  );
  if (typeof slices === 'object') {
    for (const slice of slices.items) {
      for (const e of (slice.endpoints as { addresses: string[]; conditions?: { ready?: boolean }; targetRef?: Address['targetRef'] }[] | undefined) ?? []) {
        // An unknown ready condition counts as ready, as the EndpointSlice API defines it.
        for (const ip of e.addresses) note({ ip, ...(e.targetRef ? { targetRef: e.targetRef } : {}) }, e.conditions?.ready !== false);
      }
    }
    return { source: 'EndpointSlice', listed };
  }
  // Neither object exists yet (a new Service), or neither may be read.
  return { source: ep === 403 && slices === 403 ? 'forbidden' : 'none', listed };
}

const isReady = (pod: KubeObject) => ((pod.status?.conditions as { type: string; status: string }[] | undefined) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** A named targetPort of `service` that no container of `pod` declares, if any. */
function unresolvedPort(service: KubeObject, pod: KubeObject): string | undefined {
  const ports = (service.spec?.ports as { targetPort?: number | string; protocol?: string }[] | undefined) ?? [];
  const declared = ((pod.spec?.containers as { ports?: { name?: string; protocol?: string }[] }[] | undefined) ?? []).flatMap((c) => c.ports ?? []);
  const named = ports.filter((p) => typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort));
  // The controller drops a pod only when none of the Service's ports resolves on it.
  if (named.length === 0 || named.length < ports.length) return undefined;
  const missing = named.filter((p) => !declared.some((d) => d.name === p.targetPort && (d.protocol ?? 'TCP') === (p.protocol ?? 'TCP')));
  return missing.length === named.length ? String(missing[0].targetPort) : undefined;
}

/** Why a selected pod is not a ready endpoint (empty when it is one). */
export function endpointNotes(service: KubeObject, pod: KubeObject, endpoint: ServicePod['endpoint']): EndpointNote[] {
  if (endpoint === 'ready') return [];
  const phase = String(pod.status?.phase ?? 'Pending');
  if (phase === 'Succeeded' || phase === 'Failed') return [{ code: 'finished', phase }];
  if (pod.metadata.deletionTimestamp) return [{ code: 'terminating' }];
  if (!pod.status?.podIP) return [{ code: 'noPodIP' }];
  const port = unresolvedPort(service, pod);
  if (port) return [{ code: 'noTargetPort', port }];
  if (endpoint === 'notReady' || !isReady(pod)) {
    const statuses = (pod.status?.containerStatuses as { name: string; ready?: boolean }[] | undefined) ?? [];
    return [{ code: 'podNotReady', containers: statuses.filter((s) => !s.ready).map((s) => s.name) }];
  }
  return [{ code: 'notListed' }];
}

export async function servicePodsFor(ctx: ClusterContext, namespace: string, name: string): Promise<ServicePods> {
  const service = await kubeJson<KubeObject>(ctx, resourcePath({ group: '', version: 'v1', plural: 'services' }, { namespace, name }));
  const rawSelector = (service.spec?.selector as Record<string, string> | undefined) ?? {};
  const selector = Object.keys(rawSelector).length ? rawSelector : null;
  const [pods, { source, listed }] = await Promise.all([
    selector ? kubeJson<{ items: KubeObject[] }>(ctx, resourcePath({ group: '', version: 'v1', plural: 'pods' }, { namespace })).then((l) => l.items) : [],
    listedEndpoints(ctx, namespace, name),
  ]);
  const selected = pods.filter((p) => serviceSelects(service, p.metadata.labels));
  const names = new Set(selected.map((p) => p.metadata.name));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    namespace,
    name,
    selector,
    endpointsSource: source,
    pods: selected
      .map((pod): ServicePod => {
        const state = listed.ready.get(pod.metadata.name ?? '');
        const endpoint = state === undefined ? 'notListed' : state ? 'ready' : 'notReady';
        return {
          name: pod.metadata.name ?? '',
          phase: String(pod.status?.phase ?? 'Pending'),
          ...(pod.status?.podIP ? { podIP: String(pod.status.podIP) } : {}),
          ...(pod.spec?.nodeName ? { node: String(pod.spec.nodeName) } : {}),
          endpoint,
          notes: endpointNotes(service, pod, endpoint),
        };
      })
      .sort(byName),
    // Only while nothing is selected: then a typo is the likely story; otherwise pods sharing a
    // generic label (tier=web) would crowd the list.
    nearMisses: (selected.length ? [] : pods)
      .flatMap((p) => {
        const misses = nearMiss(selector, p.metadata.labels);
        return misses ? [{ name: p.metadata.name ?? '', misses }] : [];
      })
      .sort(byName)
      .slice(0, 50),
    otherAddresses: listed.addresses.filter((a) => a.ready && !(a.target && names.has(a.target))).map(({ ip, target }) => ({ ip, ...(target ? { target } : {}) })),
  };
}
