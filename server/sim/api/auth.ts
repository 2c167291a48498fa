import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { unauthorized } from '../../kube/status.ts';
import { ruleAllows, type Policy, type PolicyRule, type ResourceAttributes } from './policy.ts';

export interface UserInfo {
  name: string;
  groups: string[];
}

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
}

/** Who is asking: the admin token, a policy user's token, a client certificate, or (no token configured) system:admin. */
export function authenticate(req: IncomingMessage, cfg: AuthConfig): UserInfo {
  const token = bearerToken(req);
  if (token !== undefined) {
    if (cfg.token && token === cfg.token) return ADMIN;
    for (const [name, u] of Object.entries(cfg.policy?.users ?? {})) {
      if (u.token && u.token === token) return { name, groups: [...(u.groups ?? []), 'system:authenticated'] };
    }
    throw unauthorized();
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

/** Decides with the policy file; without one (or for system:masters) everything is allowed. */
export class Authorizer {
  constructor(private readonly policy?: Policy) {}

  private rulesOf(user: UserInfo): PolicyRule[] | 'all' {
    if (!this.policy || user.groups.includes('system:masters')) return 'all';
    return this.policy.users[user.name]?.rules ?? [];
  }

  allows(user: UserInfo, a: ResourceAttributes): boolean {
    // system:basic-user: everyone may ask what they may do.
    if (a.group === 'authorization.k8s.io' && a.resource.startsWith('selfsubject') && a.verb === 'create') return true;
    const rules = this.rulesOf(user);
    return rules === 'all' || rules.some((r) => ruleAllows(r, a));
  }

  /** The rules that apply in a namespace, as SelfSubjectRulesReview reports them. */
  rulesIn(user: UserInfo, namespace: string): { verbs: string[]; apiGroups: string[]; resources: string[] }[] {
    const rules = this.rulesOf(user);
    if (rules === 'all') return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
    return rules
      .filter((r) => !r.namespaces || r.namespaces.includes(namespace))
      .flatMap((r) =>
        r.resources.map((res) => {
          if (res === '*') return { verbs: r.verbs, apiGroups: ['*'], resources: ['*'] };
          const dot = res.indexOf('.');
          return dot < 0 ? { verbs: r.verbs, apiGroups: [''], resources: [res] } : { verbs: r.verbs, apiGroups: [res.slice(dot + 1)], resources: [res.slice(0, dot)] };
        }),
      );
  }
}
