import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { mapSelectorMatches } from '../../kube/labelSelector.ts';
import { isPodReady } from './podState.ts';
import { canonicalJson } from './podTemplate.ts';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** podutil.FindPort: a number is itself; a name is looked up among the containers' ports. */
export function resolvePort(pod: Readonly<KubeObject>, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of (pod.spec?.containers as { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] | undefined) ?? []) {
    const p = c.ports?.find((x) => x.name === target && (x.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (p) return p.containerPort;
  }
  return undefined;
}

/** Endpoints for every Service with a selector: ready and not-ready pod addresses with their ports. */
class EndpointsController extends ControlLoop {
  readonly name = 'endpoints';

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
    this.queueAll('services');
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    const svc = store.get('services', namespace, name);
    const current = store.get('endpoints', namespace, name);
    if (!svc) {
      if (current) this.ignoreGone(() => store.delete('endpoints', namespace, name));
      return;
    }
    const selector = svc.spec?.selector as Record<string, string> | undefined;
    if (!selector || !Object.keys(selector).length) return;
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const subsets = this.subsets(svc, selector);
    if (current) {
      const want = { labels, subsets };
      const have = { labels: current.metadata.labels ?? {}, subsets: current.subsets ?? [] };
      if (canonicalJson(want) === canonicalJson(have)) return;
      this.ignoreGone(() =>
        store.mutate('endpoints', namespace, name, (o) => {
          o.metadata.labels = labels;
          if (subsets.length) o.subsets = subsets;
          else delete o.subsets;
        }),
      );
      return;
    }
    this.ignoreGone(() =>
      createAdmitted(this.ctx, 'endpoints', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace, ...(Object.keys(labels).length ? { labels } : {}) },
        ...(subsets.length ? { subsets } : {}),
      }),
    );
  }

  private subsets(svc: KubeObject, selector: Record<string, string>): Subset[] {
    const ports = (svc.spec?.ports as ServicePort[] | undefined) ?? [];
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const groups = new Map<string, Subset>();
    for (const pod of this.ctx.store.listRefs('pods', svc.metadata.namespace)) {
      if (!mapSelectorMatches(selector, pod.metadata.labels)) continue;
      const ip = pod.status?.podIP as string | undefined;
      const phase = pod.status?.phase;
      if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
      if (pod.metadata.deletionTimestamp && !publishNotReady) continue;
      const address: EndpointAddress = {
        ip,
        ...(pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name ? { hostname: pod.spec.hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
      };
      const epPorts: EndpointPort[] = [];
      for (const sp of ports) {
        const port = resolvePort(pod, sp);
        if (port === undefined) continue;
        epPorts.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      if (ports.length && !epPorts.length) continue;
      const key = canonicalJson(epPorts);
      const subset = groups.get(key) ?? { ...(epPorts.length ? { ports: epPorts } : {}) };
      groups.set(key, subset);
      if (isPodReady(pod) || publishNotReady) (subset.addresses ??= []).push(address);
      else (subset.notReadyAddresses ??= []).push(address);
    }
    const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
    const out = [...groups.values()];
    for (const s of out) {
      s.addresses?.sort(byIp);
      s.notReadyAddresses?.sort(byIp);
    }
    // Key order as the API server serialises a subset.
    return out.map((s) => ({ ...(s.addresses ? { addresses: s.addresses } : {}), ...(s.notReadyAddresses ? { notReadyAddresses: s.notReadyAddresses } : {}), ...(s.ports ? { ports: s.ports } : {}) }));
  }

  private ignoreGone(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof ApiError) || (err.code !== 404 && err.code !== 409 && err.code !== 403)) throw err;
    }
  }
}

export function endpointsController(): Controller {
  return new EndpointsController();
}
