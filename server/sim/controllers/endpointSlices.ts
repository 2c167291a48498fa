/**
 * EndpointSlices for every Service with a selector, as kube-controller-manager's
 * endpointslice controller writes them (pkg/controller/endpointslice and
 * staging/src/k8s.io/endpointslice/reconciler.go): pods grouped by the ports they resolve
 * to, at most 100 endpoints per slice, each endpoint with conditions ready (ready and not
 * terminating, or publishNotReadyAddresses), serving (ready, even while terminating) and
 * terminating; a placeholder slice with no ports and no endpoints when nothing matches.
 * Slices are named `<service>-<5 random>` (generateName), labelled with the Service's
 * labels plus kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, and
 * controlled by the Service. IPv4 only: the demo cluster's pods have IPv4 addresses.
 */
import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { mapSelectorMatches } from '../../kube/labelSelector.ts';
import { isPodReady } from './podState.ts';
import { canonicalJson } from './podTemplate.ts';
import { resolvePort, type ServicePort } from './endpoints.ts';
import { ownerRef } from './ownership.ts';

const RESOURCE = 'endpointslices.discovery.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;
const SERVICE_KIND = { apiVersion: 'v1', kind: 'Service' };

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** What one slice should hold; `ports`/`endpoints` null is the placeholder, as the API server returns it. */
interface DesiredSlice {
  ports: SlicePort[] | null;
  endpoints: SliceEndpoint[] | null;
}

class EndpointSliceController extends ControlLoop {
  readonly name = 'endpointslice';

  protected watch(): void {
    this.on('services', (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on('pods', (e) => {
      for (const svc of this.ctx.store.listRefs('services', e.object.metadata.namespace)) {
        const sel = svc.spec?.selector as Record<string, string> | undefined;
        if (mapSelectorMatches(sel, e.object.metadata.labels) || (e.old && mapSelectorMatches(sel, e.old.metadata.labels))) {
          this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
        }
      }
    });
    // A managed slice edited or deleted by someone else is put back.
    this.on(RESOURCE, (e) => {
      const labels = e.object.metadata.labels ?? {};
      if (labels[MANAGED_BY_LABEL] === CONTROLLER_NAME && labels[SERVICE_NAME_LABEL]) this.queue.add(`${e.object.metadata.namespace}/${labels[SERVICE_NAME_LABEL]}`);
    });
    this.queueAll('services');
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    const existing = store
      .listRefs(RESOURCE, namespace)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME);
    const svc = store.get('services', namespace, name);
    const selector = svc?.spec?.selector as Record<string, string> | undefined;
    if (!svc || !selector || !Object.keys(selector).length) {
      for (const s of existing) this.ignoreGone(() => store.delete(RESOURCE, namespace, s.metadata.name!));
      return;
    }
    const labels = sliceLabels(svc);
    const owner = ownerRef(svc, SERVICE_KIND);
    const desired = this.desiredSlices(svc, selector);
    // Reuse slices with the same ports first (the reconciler keeps a slice per port set), then any.
    const unused = [...existing];
    const take = (want: DesiredSlice): KubeObject | undefined => {
      const sameKey = canonicalJson(want.ports);
      const i = unused.findIndex((s) => canonicalJson(s.ports ?? null) === sameKey);
      return i >= 0 ? unused.splice(i, 1)[0] : unused.shift();
    };
    for (const want of desired) {
      const have = take(want);
      if (!have) {
        this.ignoreGone(() =>
          createAdmitted(this.ctx, RESOURCE, {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [owner] },
            addressType: 'IPv4',
            endpoints: want.endpoints,
            ports: want.ports,
          }),
        );
        continue;
      }
      const same =
        canonicalJson({ labels, ports: want.ports, endpoints: want.endpoints, owners: [owner] }) ===
        canonicalJson({ labels: have.metadata.labels ?? {}, ports: have.ports ?? null, endpoints: have.endpoints ?? null, owners: have.metadata.ownerReferences ?? [] });
      if (same) continue;
      this.ignoreGone(() =>
        store.mutate(RESOURCE, namespace, have.metadata.name!, (o) => {
          o.metadata.labels = labels;
          o.metadata.ownerReferences = [owner];
          o.endpoints = want.endpoints;
          o.ports = want.ports;
        }),
      );
    }
    for (const s of unused) this.ignoreGone(() => store.delete(RESOURCE, namespace, s.metadata.name!));
  }

  private desiredSlices(svc: KubeObject, selector: Record<string, string>): DesiredSlice[] {
    const ports = (svc.spec?.ports as ServicePort[] | undefined) ?? [];
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
    const zones = new Map<string, string | undefined>();
    const zoneOf = (nodeName: string): string | undefined => {
      if (!zones.has(nodeName)) zones.set(nodeName, this.ctx.store.getRef('nodes', undefined, nodeName)?.metadata.labels?.['topology.kubernetes.io/zone']);
      return zones.get(nodeName);
    };
    for (const pod of this.ctx.store.listRefs('pods', svc.metadata.namespace)) {
      if (!mapSelectorMatches(selector, pod.metadata.labels)) continue;
      const ip = pod.status?.podIP as string | undefined;
      if (!ip || !shouldPodBeInEndpoints(pod)) continue;
      const slicePorts: SlicePort[] = [];
      for (const sp of ports) {
        const port = resolvePort(pod, sp);
        if (port === undefined) continue;
        slicePorts.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      const serving = isPodReady(pod);
      const terminating = !!pod.metadata.deletionTimestamp;
      const nodeName = pod.spec?.nodeName as string | undefined;
      const zone = nodeName ? zoneOf(nodeName) : undefined;
      const endpoint: SliceEndpoint = {
        addresses: [ip],
        // For compatibility, ready is never true while terminating unless publishNotReadyAddresses.
        conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
        ...(pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name ? { hostname: pod.spec.hostname } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
        ...(nodeName ? { nodeName } : {}),
        ...(zone ? { zone } : {}),
      };
      const key = canonicalJson(slicePorts);
      const group = groups.get(key) ?? { ports: slicePorts, endpoints: [] };
      groups.set(key, group);
      group.endpoints.push(endpoint);
    }
    if (!groups.size) return [{ ports: null, endpoints: null }];
    const out: DesiredSlice[] = [];
    for (const g of groups.values()) {
      g.endpoints.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0));
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        out.push({ ports: g.ports.length ? g.ports : null, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
      }
    }
    return out;
  }

  private ignoreGone(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof ApiError) || (err.code !== 404 && err.code !== 409 && err.code !== 403)) throw err;
    }
  }
}

/** The Service's labels plus the controller's own (setEndpointSliceLabels). */
function sliceLabels(svc: KubeObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  delete labels['service.kubernetes.io/headless'];
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

/** endpointutil.ShouldPodBeInEndpoints: finished pods are out (a Never/OnFailure pod once it can no longer run). */
function shouldPodBeInEndpoints(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (policy === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

export function endpointSliceController(): Controller {
  return new EndpointSliceController();
}
