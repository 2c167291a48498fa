/**
 * Service-account tokens, as kube-apiserver issues and checks them: bound tokens from the
 * TokenRequest API (`kubectl create token`) and the legacy tokens the tokens controller writes
 * into `kubernetes.io/service-account-token` Secrets. One signing key per cluster instance.
 */
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { ApiError, notFound } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from './store.ts';
import { audiences, decodeJwt, signJwt, verifyJwt, type JwtClaims } from './jwt.ts';
import { serviceAccountGroups, serviceAccountUsername } from './rbac/rules.ts';
import { FieldErrors } from './admission/fieldErrors.ts';

/** What an authenticator says about a caller (user.Info). */
export interface AuthenticatedUser {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The service-account issuer of a kubeadm cluster; also the API server's audience. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const LEGACY_ISSUER = 'kubernetes/serviceaccount';
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** A token the issuer recognises as its own but refuses (expired, revoked, wrong audience): 401, not "try the next authenticator". */
export class RejectedToken extends Error {}

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

export class ServiceAccountTokens {
  private key?: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  constructor(
    private readonly store: Store,
    /** Seconds since the epoch; tests move it to expire tokens. */
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
    readonly issuer = SERVICE_ACCOUNT_ISSUER,
  ) {}

  /** ES256 (kube-apiserver accepts ECDSA service-account keys): generated at first use, in well under a millisecond. */
  private signingKey() {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      // kid: base64url(sha256(DER public key)), as kube-apiserver derives it.
      const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
      this.key = { privateKey, publicKey, kid };
    }
    return this.key;
  }

  /** /openid/v1/jwks: the public key that verifies the cluster's service-account tokens. */
  jwks(): { keys: Record<string, unknown>[] } {
    const key = this.signingKey();
    return { keys: [{ use: 'sig', kty: 'EC', kid: key.kid, alg: 'ES256', ...key.publicKey.export({ format: 'jwk' }) }] };
  }

  /** /.well-known/openid-configuration, as kube-apiserver's service-account issuer discovery serves it. */
  openIdConfiguration(jwksUri: string): Record<string, unknown> {
    return { issuer: this.issuer, jwks_uri: jwksUri, response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['ES256'] };
  }

  /** The API server's audiences: a token must be meant for one of them. */
  get apiAudiences(): string[] {
    return [this.issuer];
  }

  /** TokenRequest: validate, then sign a bound token for the service account. */
  request(namespace: string, name: string, spec: TokenRequestSpec): { token: string; expirationTimestamp: string; spec: Required<Pick<TokenRequestSpec, 'audiences' | 'expirationSeconds'>> & TokenRequestSpec } {
    const errs = new FieldErrors();
    const seconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) errs.invalid('spec.expirationSeconds', seconds, 'must be a whole number of seconds');
    else if (seconds < MIN_EXPIRATION_SECONDS) errs.invalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 10 minutes');
    else if (seconds > MAX_EXPIRATION_SECONDS) errs.invalid('spec.expirationSeconds', seconds, 'may not specify a duration larger than 2^32 seconds');
    const auds = spec.audiences?.length ? spec.audiences : this.apiAudiences;
    if (!Array.isArray(auds) || auds.some((a) => typeof a !== 'string')) errs.invalid('spec.audiences', auds, 'must be a list of strings');
    if (!errs.empty) throw errs.toError('TokenRequest', 'authentication.k8s.io', name);
    const sa = this.store.getRef('serviceaccounts', namespace, name);
    if (!sa) throw notFound('serviceaccounts', '', name);
    const k8s: Record<string, unknown> = { namespace, serviceaccount: { name, uid: sa.metadata.uid } };
    const bound = spec.boundObjectRef;
    if (bound) {
      const resource = bound.kind === 'Pod' ? 'pods' : bound.kind === 'Secret' ? 'secrets' : undefined;
      if (!resource) throw new ApiError(400, 'BadRequest', `cannot bind token for serviceaccount "${name}" to object of kind "${bound.kind ?? ''}"`);
      const obj = this.store.getRef(resource, namespace, bound.name ?? '');
      if (!obj) throw notFound(resource, '', bound.name ?? '');
      if (bound.uid && bound.uid !== obj.metadata.uid) {
        throw new ApiError(409, 'Conflict', `the UID in the bound object reference (${bound.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
      k8s[bound.kind === 'Pod' ? 'pod' : 'secret'] = { name: obj.metadata.name, uid: obj.metadata.uid };
    }
    const iat = this.now();
    const exp = iat + (seconds as number);
    const claims: JwtClaims = { aud: auds, exp, iat, iss: this.issuer, jti: randomUUID(), 'kubernetes.io': k8s, nbf: iat, sub: serviceAccountUsername(namespace, name) };
    const key = this.signingKey();
    return {
      token: signJwt({ alg: 'ES256', kid: key.kid }, claims, key.privateKey),
      expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      spec: { ...spec, audiences: auds, expirationSeconds: seconds as number },
    };
  }

  /** The token the legacy tokens controller puts into a `kubernetes.io/service-account-token` Secret. */
  legacyToken(sa: Readonly<KubeObject>, secretName: string): string {
    const ns = sa.metadata.namespace!;
    const key = this.signingKey();
    return signJwt(
      { alg: 'ES256', kid: key.kid },
      {
        iss: LEGACY_ISSUER,
        'kubernetes.io/serviceaccount/namespace': ns,
        'kubernetes.io/serviceaccount/secret.name': secretName,
        'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name,
        'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid,
        sub: serviceAccountUsername(ns, sa.metadata.name!),
      },
      key.privateKey,
    );
  }

  /**
   * The service account a token stands for; undefined when the token is not one of ours (another
   * authenticator may know it); RejectedToken when it is ours but no longer good.
   */
  authenticate(token: string, wantAudiences: string[] = this.apiAudiences): AuthenticatedUser | undefined {
    const jwt = decodeJwt(token);
    if (!jwt || (jwt.claims.iss !== this.issuer && jwt.claims.iss !== LEGACY_ISSUER) || !this.key) return undefined;
    if (jwt.header.kid !== undefined && jwt.header.kid !== this.key.kid) return undefined;
    if (!verifyJwt(jwt, this.key.publicKey)) return undefined;
    return jwt.claims.iss === LEGACY_ISSUER ? this.checkLegacy(jwt.claims, token) : this.checkBound(jwt.claims, wantAudiences);
  }

  private serviceAccount(namespace: unknown, name: unknown, uid: unknown): Readonly<KubeObject> {
    const sa = typeof namespace === 'string' && typeof name === 'string' ? this.store.getRef('serviceaccounts', namespace, name) : undefined;
    if (!sa || sa.metadata.deletionTimestamp) throw new RejectedToken(`service account ${String(namespace)}/${String(name)} has been deleted`);
    if (uid !== sa.metadata.uid) throw new RejectedToken(`service account UID (${String(uid)}) does not match claim (${sa.metadata.uid})`);
    return sa;
  }

  private checkBound(claims: JwtClaims, wantAudiences: string[]): AuthenticatedUser {
    const now = this.now();
    if (typeof claims.exp !== 'number' || now >= claims.exp) throw new RejectedToken('service account token has expired');
    if (typeof claims.nbf === 'number' && now < claims.nbf) throw new RejectedToken('service account token is not valid yet');
    if (!audiences(claims).some((a) => wantAudiences.includes(a))) throw new RejectedToken('token audiences is invalid');
    const k8s = (claims['kubernetes.io'] ?? {}) as { namespace?: string; serviceaccount?: { name?: string; uid?: string }; pod?: { name?: string; uid?: string }; secret?: { name?: string; uid?: string } };
    const sa = this.serviceAccount(k8s.namespace, k8s.serviceaccount?.name, k8s.serviceaccount?.uid);
    const ns = sa.metadata.namespace!;
    const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${String(claims.jti)}`] };
    for (const [kind, ref] of [['pod', k8s.pod], ['secret', k8s.secret]] as const) {
      if (!ref) continue;
      const obj = this.store.getRef(kind === 'pod' ? 'pods' : 'secrets', ns, ref.name ?? '');
      if (!obj || obj.metadata.deletionTimestamp || obj.metadata.uid !== ref.uid) throw new RejectedToken(`${kind} ${ns}/${ref.name ?? ''} bound to the token no longer exists`);
      if (kind === 'pod') {
        extra['authentication.kubernetes.io/pod-name'] = [ref.name ?? ''];
        extra['authentication.kubernetes.io/pod-uid'] = [ref.uid ?? ''];
      }
    }
    return { name: serviceAccountUsername(ns, sa.metadata.name!), uid: sa.metadata.uid, groups: [...serviceAccountGroups(ns), 'system:authenticated'], extra };
  }

  private checkLegacy(claims: JwtClaims, token: string): AuthenticatedUser {
    const ns = claims['kubernetes.io/serviceaccount/namespace'];
    const secretName = claims['kubernetes.io/serviceaccount/secret.name'];
    const sa = this.serviceAccount(ns, claims['kubernetes.io/serviceaccount/service-account.name'], claims['kubernetes.io/serviceaccount/service-account.uid']);
    const secret = typeof secretName === 'string' ? this.store.getRef('secrets', sa.metadata.namespace, secretName) : undefined;
    const stored = (secret?.data as Record<string, string> | undefined)?.token;
    if (!secret || secret.metadata.deletionTimestamp || !stored || Buffer.from(stored, 'base64').toString('utf8') !== token) {
      throw new RejectedToken(`secret ${String(ns)}/${String(secretName)} holding the token no longer exists`);
    }
    return { name: serviceAccountUsername(sa.metadata.namespace!, sa.metadata.name!), uid: sa.metadata.uid, groups: [...serviceAccountGroups(sa.metadata.namespace!), 'system:authenticated'] };
  }
}

const perStore = new WeakMap<Store, ServiceAccountTokens>();

/** The one token issuer of a cluster (its store): the API server and the tokens controller share its key. */
export function serviceAccountTokensOf(store: Store): ServiceAccountTokens {
  let tokens = perStore.get(store);
  if (!tokens) {
    tokens = new ServiceAccountTokens(store);
    perStore.set(store, tokens);
  }
  return tokens;
}
