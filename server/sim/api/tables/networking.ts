import { since } from './humanDuration.ts';
import { formatLabelSelector, type LabelSelector } from './labels.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

/** The ADDRESS column's width without -o wide (loadBalancerWidth). */
const LOAD_BALANCER_WIDTH = 16;

/** formatHosts: the first three hosts, `*` when no rule names one. */
function formatHosts(rules: { host?: string }[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - 3} more...` : list.join(',');
}

function loadBalancerAddresses(ingress: { ip?: string; hostname?: string }[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

export const ingressPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Class', 'string', 'The name of the IngressClass resource that should be used for this Ingress'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn(),
  ],
  cells(o, now) {
    const spec = (o.spec ?? {}) as { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
    const lb = (o.status?.loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress;
    return [o.metadata.name, spec.ingressClassName ?? '<none>', formatHosts(spec.rules), loadBalancerAddresses(lb, false), spec.tls?.length ? '80, 443' : '80', since(o.metadata.creationTimestamp, now)];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn(),
  ],
  cells(o, now) {
    const spec = (o.spec ?? {}) as { controller?: string; parameters?: { kind?: string; apiGroup?: string; name?: string } };
    const p = spec.parameters;
    const parameters = p ? `${p.kind ?? ''}${p.apiGroup ? '.' + p.apiGroup : ''}/${p.name ?? ''}` : '<none>';
    return [o.metadata.name, spec.controller ?? '', parameters, since(o.metadata.creationTimestamp, now)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Pod-Selector', 'string', 'podSelector selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.'),
    ageColumn(),
  ],
  cells(o, now) {
    return [o.metadata.name, formatLabelSelector(o.spec?.podSelector as LabelSelector | undefined), since(o.metadata.creationTimestamp, now)];
  },
};
