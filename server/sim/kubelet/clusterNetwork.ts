/**
 * The pod network as a container sees it, from the API objects: cluster DNS answers
 * `<svc>.<ns>.svc.cluster.local` with the Service's ClusterIP (a headless Service with its
 * ready endpoints' addresses), and a connection to a ClusterIP goes, as kube-proxy sends it,
 * to a ready endpoint's targetPort, where the pod's process answers if it listens there (the
 * ports probes.ts says each image's default process serves). A pod IP is reached directly.
 */
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { resolveImage } from './images.ts';
import { servedPorts } from './probes.ts';
import type { ContainerSpec } from './containerFs.ts';
import type { ClusterNetwork } from './shell/io.ts';

const CLUSTER_DOMAIN = 'cluster.local';
const CLUSTER_DNS = '10.96.0.10';

/** The page nginx serves from /usr/share/nginx/html (the same file containerFs.ts writes). */
const NGINX_PAGE = '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n';
/** What each HTTP server answers on `/`; the sim's other servers have no routes and answer with an empty 200. */
const HTTP_BODIES: Record<string, string> = { nginx: NGINX_PAGE, 'demo.registry/shop/frontend': NGINX_PAGE };

interface EndpointSubset {
  addresses?: { ip: string; targetRef?: { name: string; namespace: string } }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

export class StoreNetwork implements ClusterNetwork {
  readonly nameserver = CLUSTER_DNS;
  readonly search: readonly string[];

  constructor(
    private readonly store: Store,
    private readonly namespace: string,
    private readonly podName: string,
  ) {
    this.search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  }

  lookup(fqdn: string): string[] | undefined {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    if (name === 'localhost') return ['127.0.0.1'];
    const m = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${CLUSTER_DOMAIN.replace('.', '\\.')}$`).exec(name);
    if (!m) return undefined;
    const svc = this.store.getRef('services', m[2], m[1]);
    if (!svc) return undefined;
    const clusterIP = svc.spec?.clusterIP as string | undefined;
    if (clusterIP && clusterIP !== 'None') return [clusterIP];
    // Headless: the ready endpoints, or no records at all.
    const addresses = this.subsets(m[2], m[1]).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    return addresses.length ? addresses : undefined;
  }

  connect(ip: string, port: number): { kind: 'http'; body: string } | { kind: 'tcp' } | undefined {
    if (ip === '127.0.0.1' || ip === 'localhost') {
      const self = this.store.getRef('pods', this.namespace, this.podName);
      return self ? this.podAnswer(self, port) : undefined;
    }
    const svc = this.store.listRefs('services').find((s) => s.spec?.clusterIP === ip);
    if (svc) {
      const sp = ((svc.spec?.ports ?? []) as { name?: string; port: number }[]).find((p) => p.port === port);
      if (!sp) return undefined;
      for (const subset of this.subsets(svc.metadata.namespace ?? this.namespace, svc.metadata.name ?? '')) {
        const ep = (subset.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '')) ?? (subset.ports?.length === 1 ? subset.ports[0] : undefined);
        if (!ep) continue;
        for (const address of subset.addresses ?? []) {
          const pod = address.targetRef ? this.store.getRef('pods', address.targetRef.namespace, address.targetRef.name) : undefined;
          const answer = pod ? this.podAnswer(pod, ep.port) : undefined;
          if (answer) return answer;
        }
      }
      return undefined;
    }
    const pod = this.store.listRefs('pods').find((p) => p.status?.podIP === ip);
    return pod ? this.podAnswer(pod, port) : undefined;
  }

  private subsets(namespace: string, name: string): EndpointSubset[] {
    return (this.store.getRef('endpoints', namespace, name)?.subsets ?? []) as EndpointSubset[];
  }

  /** What listens on a pod's port: a running container whose default process serves it. */
  private podAnswer(pod: Readonly<KubeObject>, port: number): { kind: 'http'; body: string } | { kind: 'tcp' } | undefined {
    if (pod.status?.phase !== 'Running') return undefined;
    const statuses = (pod.status?.containerStatuses ?? []) as { name: string; state?: { running?: unknown } }[];
    for (const spec of (pod.spec?.containers ?? []) as ContainerSpec[]) {
      if (!statuses.find((s) => s.name === spec.name)?.state?.running) continue;
      const repository = resolveImage(String(spec.image ?? ''))?.repository;
      const served = servedPorts(spec, repository)[port];
      if (served === 'http') return { kind: 'http', body: HTTP_BODIES[repository ?? ''] ?? '' };
      if (served === 'tcp') return { kind: 'tcp' };
    }
    return undefined;
  }
}
