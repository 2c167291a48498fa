import type { KubeObject } from '../../../kube/object.ts';
import { since } from './humanDuration.ts';
import { formatLabels } from './labels.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

const count = (o: Record<string, unknown> | undefined | null): number => Object.keys(o ?? {}).length;

function externalIP(svc: KubeObject): string {
  const external: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
      const lb = [...new Set(ingress.map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(svc: KubeObject): string {
  const list: { port: number; nodePort?: number; protocol?: string }[] = svc.spec?.ports ?? [];
  if (!list.length) return '<none>';
  return list.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const servicePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Type', 'string', 'type determines how the Service is exposed.'),
    column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageColumn(),
    column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o, now) {
    return [o.metadata.name, o.spec?.type ?? 'ClusterIP', o.spec?.clusterIPs?.[0] ?? '<none>', externalIP(o), ports(o), since(o.metadata.creationTimestamp, now), formatLabels(o.spec?.selector)];
  },
};

interface Subset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number }[];
}

/** formatEndpoints: up to 3 `ip:port` pairs, then ` + N more...`. */
function formatEndpoints(o: KubeObject): string {
  const subsets: Subset[] = (o.subsets as Subset[] | undefined) ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let total = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      total += addrs.length;
      for (const a of addrs) if (list.length < max) list.push(a.ip);
      continue;
    }
    for (const p of ss.ports) {
      total += addrs.length;
      for (const a of addrs) if (list.length < max) list.push(`${a.ip}:${p.port}`);
    }
  }
  const text = list.join(',');
  return total > max ? `${text} + ${total - max} more...` : text;
}

export const endpointsPrinter: Printer = {
  columns: [nameColumn(), column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, formatEndpoints(o), since(o.metadata.creationTimestamp, now)];
  },
};

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  const a = ((node.status?.addresses ?? []) as { type: string; address: string }[]).find((x) => x.type === type);
  return a?.address ?? '<none>';
}

export function nodeStatus(node: KubeObject): string {
  const ready = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export const nodePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells(o, now) {
    const info = o.status?.nodeInfo ?? {};
    return [
      o.metadata.name,
      nodeStatus(o),
      nodeRoles(o),
      since(o.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespacePrinter: Printer = {
  columns: [nameColumn(), column('Status', 'string', 'The status of the namespace'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)];
  },
};

export const configMapPrinter: Printer = {
  columns: [nameColumn(), column('Data', 'string', 'Data contains the configuration data.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, count(o.data as Record<string, unknown>) + count(o.binaryData as Record<string, unknown>), since(o.metadata.creationTimestamp, now)];
  },
};

export const secretPrinter: Printer = {
  columns: [nameColumn(), column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'), column('Data', 'string', 'Data contains the secret data.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, (o.type as string | undefined) ?? 'Opaque', count(o.data as Record<string, unknown>), since(o.metadata.creationTimestamp, now)];
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [nameColumn(), column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, ((o.secrets as unknown[] | undefined) ?? []).length, since(o.metadata.creationTimestamp, now)];
  },
};
