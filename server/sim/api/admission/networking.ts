/**
 * networking.k8s.io/v1: Ingress, IngressClass and NetworkPolicy validation as
 * pkg/apis/networking/validation words it, their API defaults, and the DefaultIngressClass
 * admission plugin (an Ingress without a class gets the default IngressClass, the newest if several).
 */
import type { KubeObject } from '../../../kube/object.ts';
import type { SimContext } from '../../context.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { dns1035Label, dns1123Subdomain } from './names.ts';

const WILDCARD_SUBDOMAIN = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
export const INGRESS_CLASSES = 'ingressclasses.networking.k8s.io';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

function wildcardSubdomain(value: string): string[] {
  if (new RegExp(`^${WILDCARD_SUBDOMAIN}$`).test(value) && value.length <= 253) return [];
  return [`a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${WILDCARD_SUBDOMAIN}')`];
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}

function validateHost(errs: FieldErrors, field: string, host: string): void {
  for (const msg of host.includes('*') ? wildcardSubdomain(host) : dns1123Subdomain(host)) errs.invalid(field, host, msg);
}

/** IsValidPortName (IANA_SVC_NAME). */
function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) out.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (name.includes('--')) out.push("must not contain consecutive hyphens");
  if (name && !/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

interface Backend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

function validateBackend(errs: FieldErrors, path: string, b: Backend | undefined): void {
  if (b?.resource && b.service) errs.invalid(path, '', 'cannot set both resource and service backends');
  else if (b?.resource) {
    if (!b.resource.kind) errs.required(`${path}.resource.kind`);
    if (!b.resource.name) errs.required(`${path}.resource.name`);
  } else if (b?.service) {
    const svc = b.service;
    if (!svc.name) errs.required(`${path}.service.name`);
    else for (const msg of dns1035Label(svc.name)) errs.invalid(`${path}.service.name`, svc.name, msg);
    const byName = !!svc.port?.name;
    const byNumber = !!svc.port?.number;
    if (byName && byNumber) errs.invalid(path, '', 'cannot set both port name & port number');
    else if (byName) for (const msg of portNameProblems(svc.port!.name!)) errs.invalid(`${path}.service.port.name`, svc.port!.name, msg);
    else if (byNumber) {
      const n = svc.port!.number!;
      if (!(Number.isInteger(n) && n >= 1 && n <= 65535)) errs.invalid(`${path}.service.port.number`, n, 'must be between 1 and 65535, inclusive');
    } else errs.required(path, 'port name or number is required');
  } else errs.invalid(path, '', 'resource or service backend is required');
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: Backend;
}

function validatePath(errs: FieldErrors, at: string, p: IngressPath): void {
  if (!p.pathType) return errs.required(`${at}.pathType`, 'pathType must be specified');
  const path = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!path.startsWith('/')) errs.invalid(`${at}.path`, path, 'must be an absolute path');
    for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (path.includes(seq)) errs.invalid(`${at}.path`, path, `must not contain '${seq}'`);
    for (const suffix of ['/..', '/.']) if (path.endsWith(suffix)) errs.invalid(`${at}.path`, path, `cannot end with '${suffix}'`);
  } else if (p.pathType === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) errs.invalid(`${at}.path`, path, 'must be an absolute path');
  } else errs.notSupported(`${at}.pathType`, p.pathType, PATH_TYPES);
  validateBackend(errs, `${at}.backend`, p.backend);
}

export function admitIngress(errs: FieldErrors, ing: KubeObject, old: KubeObject | undefined, ctx: SimContext): void {
  const spec = (ing.spec ??= {}) as {
    ingressClassName?: string;
    defaultBackend?: Backend;
    rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  if (!old && spec.ingressClassName === undefined && !ing.metadata.annotations?.['kubernetes.io/ingress.class']) {
    const defaults = ctx.store.listRefs(INGRESS_CLASSES).filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    const newest = [...defaults].sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))[0];
    if (newest) spec.ingressClassName = newest.metadata.name;
  }
  if (!spec.rules?.length && !spec.defaultBackend) errs.invalid('spec', spec.rules, 'either `defaultBackend` or `rules` must be specified', spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)');
  if (spec.defaultBackend) validateBackend(errs, 'spec.defaultBackend', spec.defaultBackend);
  (spec.rules ?? []).forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    if (rule.host) {
      if (isIp(rule.host)) errs.invalid(`${at}.host`, rule.host, 'must be a DNS name, not an IP address');
      validateHost(errs, `${at}.host`, rule.host);
    }
    if (!rule.http) return;
    if (!rule.http.paths?.length) errs.required(`${at}.http.paths`);
    (rule.http.paths ?? []).forEach((p, j) => validatePath(errs, `${at}.http.paths[${j}]`, p));
  });
  (spec.tls ?? []).forEach((t, i) => (t.hosts ?? []).forEach((h, j) => validateHost(errs, `spec.tls[${i}].hosts[${j}]`, h)));
  if (spec.ingressClassName) for (const msg of dns1123Subdomain(spec.ingressClassName)) errs.invalid('spec.ingressClassName', spec.ingressClassName, msg);
  if (!old && !ing.status?.loadBalancer) ing.status = { ...(ing.status ?? {}), loadBalancer: {} };
}

export function admitIngressClass(errs: FieldErrors, cls: KubeObject): void {
  const spec = (cls.spec ??= {}) as { controller?: string; parameters?: { kind?: string; name?: string; scope?: string; namespace?: string } };
  if (!spec.controller) errs.required('spec.controller');
  else if (spec.controller.length > 250) errs.tooLong('spec.controller', 250);
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/\S+$/.test(spec.controller)) errs.invalid('spec.controller', spec.controller, 'must be a domain-prefixed path (such as "acme.io/foo")');
  const p = spec.parameters;
  if (p) {
    if (!p.kind) errs.required('spec.parameters.kind');
    if (!p.name) errs.required('spec.parameters.name');
    p.scope ??= 'Cluster';
    if (!['Cluster', 'Namespace'].includes(p.scope)) errs.notSupported('spec.parameters.scope', p.scope, ['Cluster', 'Namespace']);
    if (p.scope === 'Namespace' && !p.namespace) errs.required('spec.parameters.namespace', '`parameters.scope` is set to "Namespace"');
  }
}

interface Peer {
  podSelector?: object;
  namespaceSelector?: object;
  ipBlock?: { cidr?: string; except?: string[] };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

function validatePeer(errs: FieldErrors, at: string, peer: Peer): void {
  const count = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((x) => x !== undefined && x !== null).length;
  if (count === 0) errs.required(at, 'must specify a peer');
  else if (count > 1 && peer.ipBlock) errs.forbidden(at, 'may not specify both ipBlock and another peer');
  if (peer.ipBlock) {
    const cidr = peer.ipBlock.cidr ?? '';
    if (!cidr) errs.required(`${at}.ipBlock.cidr`);
    else if (!CIDR.test(cidr)) errs.invalid(`${at}.ipBlock.cidr`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    (peer.ipBlock.except ?? []).forEach((e, i) => {
      if (!CIDR.test(e)) errs.invalid(`${at}.ipBlock.except[${i}]`, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    });
  }
}

function validatePorts(errs: FieldErrors, at: string, ports: PolicyPort[] | undefined): void {
  (ports ?? []).forEach((p, i) => {
    p.protocol ??= 'TCP';
    if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.notSupported(`${at}[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']);
    if (typeof p.port === 'number' && !(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) errs.invalid(`${at}[${i}].port`, p.port, 'must be between 1 and 65535, inclusive');
    if (typeof p.port === 'string') for (const msg of portNameProblems(p.port)) errs.invalid(`${at}[${i}].port`, p.port, msg);
    if (p.endPort !== undefined) {
      if (p.port === undefined) errs.required(`${at}[${i}].port`, 'must be specified when endPort is specified');
      else if (typeof p.port === 'string') errs.forbidden(`${at}[${i}].endPort`, 'may not be specified when `port` is non-numeric');
      else if (p.endPort < p.port) errs.invalid(`${at}[${i}].endPort`, p.endPort, 'must be greater than or equal to `port`');
    }
  });
}

export function admitNetworkPolicy(errs: FieldErrors, np: KubeObject): void {
  const spec = (np.spec ??= {}) as { podSelector?: object; policyTypes?: string[]; ingress?: { from?: Peer[]; ports?: PolicyPort[] }[]; egress?: { to?: Peer[]; ports?: PolicyPort[] }[] };
  spec.podSelector ??= {};
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  (spec.ingress ?? []).forEach((r, i) => {
    validatePorts(errs, `spec.ingress[${i}].ports`, r.ports);
    (r.from ?? []).forEach((p, j) => validatePeer(errs, `spec.ingress[${i}].from[${j}]`, p));
  });
  (spec.egress ?? []).forEach((r, i) => {
    validatePorts(errs, `spec.egress[${i}].ports`, r.ports);
    (r.to ?? []).forEach((p, j) => validatePeer(errs, `spec.egress[${i}].to[${j}]`, p));
  });
  spec.policyTypes.forEach((t, i) => {
    if (!['Egress', 'Ingress'].includes(t)) errs.notSupported(`spec.policyTypes[${i}]`, t, ['Egress', 'Ingress']);
  });
  if (spec.policyTypes.length > 2) errs.invalid('spec.policyTypes', spec.policyTypes, 'may not specify more than two policyTypes');
}
