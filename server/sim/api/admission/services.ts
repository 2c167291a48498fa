import type { KubeObject } from '../../../kube/object.ts';
import type { Store } from '../store.ts';
import type { FieldErrors } from './fieldErrors.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
/** 10.96.0.0/12; .0 is the network and 10.96.0.1 belongs to the `kubernetes` service. */
const RANGE_START = (10 << 24) + (96 << 16);
const RANGE_SIZE = 1 << 20;

function ipText(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function usedClusterIPs(store: Store): Set<string> {
  const used = new Set<string>();
  for (const s of store.listRefs('services')) for (const ip of (s.spec?.clusterIPs as string[] | undefined) ?? [s.spec?.clusterIP]) if (ip) used.add(ip);
  return used;
}

function usedNodePorts(store: Store): Set<number> {
  const used = new Set<number>();
  for (const s of store.listRefs('services')) for (const p of (s.spec?.ports as Json[] | undefined) ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

/** A free ClusterIP: random like the real allocator, skipping the first addresses of the range. */
export function allocateClusterIP(store: Store): string {
  const used = usedClusterIPs(store);
  for (let tries = 0; tries < 1000; tries++) {
    const ip = ipText(RANGE_START + 2 + Math.floor(Math.random() * (RANGE_SIZE - 3)));
    if (!used.has(ip)) return ip;
  }
  for (let n = RANGE_START + 2; n < RANGE_START + RANGE_SIZE - 1; n++) if (!used.has(ipText(n))) return ipText(n);
  throw new Error('no free cluster IPs');
}

function allocateNodePort(used: Set<number>): number {
  for (let tries = 0; tries < 5000; tries++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    if (!used.has(port)) {
      used.add(port);
      return port;
    }
  }
  throw new Error('no free node ports');
}

export function admitService(errs: FieldErrors, svc: KubeObject, old: KubeObject | undefined, store: Store): void {
  const spec: Json = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  const type: string = spec.type;
  if (!TYPES.includes(type)) {
    errs.notSupported('spec.type', type, TYPES);
    return;
  }
  // A replace without allocated values keeps the old ones (the registry's patchAllocatedValues).
  if (old) {
    if (spec.clusterIP === undefined && spec.clusterIPs === undefined && type !== 'ExternalName') {
      spec.clusterIP = old.spec?.clusterIP;
      spec.clusterIPs = old.spec?.clusterIPs;
    }
    for (const p of spec.ports ?? []) {
      const was = ((old.spec?.ports ?? []) as Json[]).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (p.nodePort === undefined && was?.nodePort && (type === 'NodePort' || type === 'LoadBalancer')) p.nodePort = was.nodePort;
    }
  }
  spec.sessionAffinity ??= 'None';
  const ports: Json[] = spec.ports ?? [];
  for (const p of ports) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.required('spec.externalName');
    return;
  }
  const headless = spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None';
  if (!ports.length && !headless) errs.required('spec.ports');
  ports.forEach((p, i) => {
    if (!(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) errs.invalid(`spec.ports[${i}].port`, p.port ?? 0, 'must be between 1 and 65535, inclusive');
    if (ports.length > 1 && !p.name) errs.required(`spec.ports[${i}].name`);
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.notSupported(`spec.ports[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']);
    if (p.nodePort !== undefined && type === 'ClusterIP') errs.forbidden(`spec.ports[${i}].nodePort`, 'may not be used when `type` is \'ClusterIP\'');
    if (p.nodePort !== undefined && type !== 'ClusterIP' && !(p.nodePort >= 30000 && p.nodePort <= 32767)) {
      errs.invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767');
    }
  });
  if (!errs.empty) return;

  if (old && old.spec?.clusterIPs?.[0] && spec.clusterIPs?.[0] !== undefined && spec.clusterIPs[0] !== old.spec.clusterIPs[0]) {
    errs.invalid('spec.clusterIPs[0]', spec.clusterIPs, 'may not change once set');
    return;
  }
  if (headless) {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else {
    spec.clusterIP ??= spec.clusterIPs?.[0] ?? allocateClusterIP(store);
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (type === 'NodePort' || type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    const used = usedNodePorts(store);
    for (const p of ports) p.nodePort ??= allocateNodePort(used);
  }
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (!old) svc.status ??= { loadBalancer: {} };
}
