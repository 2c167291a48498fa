import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ApiError, forbidden, unauthorized } from '../../kube/status.ts';
import { ruleAllows, type Policy, type ResourceAttributes } from './policy.ts';
import type { OidcAuthenticator } from './oidc.ts';
import { RbacAuthorizer } from './rbac/authorizer.ts';
import { parseServiceAccountUsername, serviceAccountGroups, type RbacRule } from './rbac/rules.ts';
import { RejectedToken, type AuthenticatedUser, type ServiceAccountTokens } from './tokens.ts';
import type { Store } from './store.ts';

export type UserInfo = AuthenticatedUser;

export const ADMIN: UserInfo = { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] };

const WS_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** A bearer token from the Authorization header, or from a websocket subprotocol (browsers cannot set headers). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (h && /^bearer /i.test(h)) return h.slice(7).trim();
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const ws = protocols.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return ws ? Buffer.from(ws.slice(WS_TOKEN_PREFIX.length), 'base64url').toString('utf8') : undefined;
}

export interface AuthConfig {
  /** Required bearer token (--token); it authenticates as system:admin. */
  token?: string;
  policy?: Policy;
  /** TLS with client-certificate auth against the demo CA. */
  tls: boolean;
  /** Service-account tokens this cluster issued (TokenRequest, legacy Secrets). */
  serviceAccounts?: ServiceAccountTokens;
  /** ID tokens of an OpenID Connect issuer (--oidc-issuer-url ...). */
  oidc?: OidcAuthenticator;
}

/**
 * The user a bearer token stands for, trying the authenticators as kube-apiserver's union does:
 * the static tokens, then service-account tokens, then OIDC. Undefined when none knows the token;
 * RejectedToken when one knows it but refuses it (expired, revoked, wrong audience).
 */
export async function authenticateToken(token: string, cfg: AuthConfig): Promise<UserInfo | undefined> {
  if (cfg.token && token === cfg.token) return ADMIN;
  for (const [name, u] of Object.entries(cfg.policy?.users ?? {})) {
    if (u.token && u.token === token) return { name, groups: [...(u.groups ?? []), 'system:authenticated'] };
  }
  return cfg.serviceAccounts?.authenticate(token) ?? (await cfg.oidc?.authenticate(token));
}

/** Who is asking: a bearer token, a client certificate, or (no token configured) system:admin. */
async function authenticateRequest(req: IncomingMessage, cfg: AuthConfig): Promise<UserInfo> {
  const token = bearerToken(req);
  if (token !== undefined) {
    let user: UserInfo | undefined;
    try {
      user = await authenticateToken(token, cfg);
    } catch (err) {
      if (!(err instanceof RejectedToken)) throw err;
    }
    if (!user) throw unauthorized();
    return user;
  }
  if (cfg.tls) {
    const socket = req.socket as TLSSocket;
    if (socket.authorized && typeof socket.getPeerCertificate === 'function') {
      const cert = socket.getPeerCertificate();
      if (cert && cert.subject?.CN) {
        const o = cert.subject.O;
        const groups = Array.isArray(o) ? o : o ? [o] : [];
        const cn = Array.isArray(cert.subject.CN) ? cert.subject.CN[0] : cert.subject.CN;
        return { name: cn, groups: [...groups, 'system:authenticated'] };
      }
    }
  }
  if (cfg.token) throw unauthorized();
  return ADMIN;
}

/** The caller, then the user it impersonates (Impersonate-User/-Group/-Uid/-Extra-*), each impersonation authorized. */
export async function authenticate(req: IncomingMessage, cfg: AuthConfig, authorizer: Authorizer): Promise<UserInfo> {
  const user = await authenticateRequest(req, cfg);
  return impersonate(req, user, authorizer);
}

function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch (err) {
    if (err instanceof URIError) return key;
    throw err;
  }
}

function impersonationHeaders(req: IncomingMessage): { user?: string; groups: string[]; uid?: string; extra: Record<string, string[]> } {
  const all = req.headersDistinct;
  const extra: Record<string, string[]> = {};
  for (const [h, values] of Object.entries(all)) {
    if (!h.startsWith('impersonate-extra-') || !values) continue;
    // Extra keys travel percent-encoded in the header name, lower-cased by HTTP; a bad escape is kept as sent.
    extra[unescapeExtraKey(h.slice('impersonate-extra-'.length))] = values;
  }
  return { user: all['impersonate-user']?.[0], groups: all['impersonate-group'] ?? [], uid: all['impersonate-uid']?.[0], extra };
}

/** The impersonation filter of kube-apiserver: every identity asked for must be allowed to the caller. */
function impersonate(req: IncomingMessage, caller: UserInfo, authorizer: Authorizer): UserInfo {
  const h = impersonationHeaders(req);
  if (h.user === undefined) {
    if (h.groups.length || h.uid || Object.keys(h.extra).length) {
      throw new ApiError(500, 'InternalError', `Internal error occurred: requested [${h.groups.map((g) => `{Group  ${g}  }`).join(' ')}] without impersonating a user`);
    }
    return caller;
  }
  const check = (a: ResourceAttributes) => {
    if (!authorizer.allows(caller, a)) throw forbiddenRequest(caller.name, a);
  };
  const sa = parseServiceAccountUsername(h.user);
  if (sa) check({ verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name });
  else check({ verb: 'impersonate', group: '', resource: 'users', name: h.user });
  for (const g of h.groups) check({ verb: 'impersonate', group: '', resource: 'groups', name: g });
  if (h.uid) check({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'uids', name: h.uid });
  for (const [k, values] of Object.entries(h.extra)) {
    for (const v of values) check({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'userextras', subresource: k, name: v });
  }
  // A service account's groups are fixed: they come with it unless groups were asked for.
  const groups = h.groups.length ? [...h.groups] : sa ? serviceAccountGroups(sa.namespace) : [];
  if (h.user !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
  const out: UserInfo = { name: h.user, groups };
  if (h.uid) out.uid = h.uid;
  if (Object.keys(h.extra).length) out.extra = h.extra;
  return out;
}

/**
 * The 403 of kube-apiserver's authorization filter: the object is named by its resource
 * (`pods "web" is forbidden`), the sentence by resource/subresource (`cannot create resource "pods/exec"`).
 */
export function forbiddenRequest(user: string, a: ResourceAttributes): ApiError {
  const full = forbidden(user, a.verb, a.subresource ? `${a.resource}/${a.subresource}` : a.resource, a.group, a.namespace, a.name);
  if (!a.subresource) return full;
  const marker = ' is forbidden: ';
  const object = `${a.group ? `${a.resource}.${a.group}` : a.resource}${a.name ? ` "${a.name}"` : ''}`;
  return new ApiError(403, 'Forbidden', object + full.message.slice(full.message.indexOf(marker)), { name: a.name, group: a.group || undefined, kind: a.resource });
}

/** Rules as SelfSubjectRulesReview lists them. */
export interface RulesReview {
  resourceRules: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[];
}

/**
 * The cluster's authorizer: system:masters may do everything; anyone else what the policy file
 * or RBAC (Roles and ClusterRoles bound to the user, a group of it, or its service account) allows.
 */
export class Authorizer {
  private readonly rbac?: RbacAuthorizer;

  constructor(
    private readonly policy?: Policy,
    store?: Store,
  ) {
    this.rbac = store && new RbacAuthorizer(store);
  }

  /** Why the request is allowed, or undefined when it is not. */
  decide(user: UserInfo, a: ResourceAttributes): string | undefined {
    if (user.groups.includes('system:masters')) return 'allowed: member of system:masters';
    const policyRules = this.policy?.users[user.name]?.rules ?? [];
    if (policyRules.some((r) => ruleAllows(r, a))) return 'allowed by the demo cluster policy file';
    return this.rbac?.allowsResource(user, a);
  }

  allows(user: UserInfo, a: ResourceAttributes): boolean {
    return this.decide(user, a) !== undefined;
  }

  /** A non-resource path (/api, /healthz, /logs), as the `get` a discovery client sends. */
  decideNonResource(user: UserInfo, verb: string, path: string): string | undefined {
    if (user.groups.includes('system:masters')) return 'allowed: member of system:masters';
    return this.rbac?.allowsNonResource(user, { verb, path });
  }

  /** The rules that apply in a namespace, as SelfSubjectRulesReview reports them. */
  rulesIn(user: UserInfo, namespace: string): RulesReview {
    if (user.groups.includes('system:masters')) {
      return { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] };
    }
    const out: RulesReview = { resourceRules: [], nonResourceRules: [] };
    for (const r of this.policy?.users[user.name]?.rules ?? []) {
      if (r.namespaces && !r.namespaces.includes(namespace)) continue;
      for (const res of r.resources) {
        if (res === '*') out.resourceRules.push({ verbs: r.verbs, apiGroups: ['*'], resources: ['*'] });
        else {
          const dot = res.indexOf('.');
          out.resourceRules.push(dot < 0 ? { verbs: r.verbs, apiGroups: [''], resources: [res] } : { verbs: r.verbs, apiGroups: [res.slice(dot + 1)], resources: [res.slice(0, dot)] });
        }
      }
    }
    for (const r of this.rbac?.rulesFor(user, namespace) ?? []) addRbacRule(out, r);
    return out;
  }
}

function addRbacRule(out: RulesReview, r: RbacRule): void {
  if (r.nonResourceURLs?.length) {
    out.nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs] });
    return;
  }
  const rule: RulesReview['resourceRules'][number] = { verbs: [...r.verbs], apiGroups: [...(r.apiGroups ?? [])], resources: [...(r.resources ?? [])] };
  if (r.resourceNames?.length) rule.resourceNames = [...r.resourceNames];
  out.resourceRules.push(rule);
}
