/** Compact JWS (RFC 7515) signing and checking with Node's crypto, for service-account and OIDC tokens. */
import { createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: JwtHeader;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Digest and signature encoding of each algorithm kube-apiserver and common identity providers use. */
const ALGORITHMS: Record<string, { digest: string; ecdsa?: boolean; pss?: boolean }> = {
  RS256: { digest: 'sha256' },
  RS384: { digest: 'sha384' },
  RS512: { digest: 'sha512' },
  PS256: { digest: 'sha256', pss: true },
  PS384: { digest: 'sha384', pss: true },
  PS512: { digest: 'sha512', pss: true },
  ES256: { digest: 'sha256', ecdsa: true },
  ES384: { digest: 'sha384', ecdsa: true },
  ES512: { digest: 'sha512', ecdsa: true },
};

function keyOptions(alg: { ecdsa?: boolean; pss?: boolean }, key: KeyObject) {
  if (alg.ecdsa) return { key, dsaEncoding: 'ieee-p1363' as const };
  if (alg.pss) return { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 };
  return { key };
}

export function signJwt(header: JwtHeader, claims: JwtClaims, key: KeyObject): string {
  const alg = ALGORITHMS[header.alg];
  if (!alg) throw new Error(`unsupported JWS algorithm ${header.alg}`);
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(alg.digest, Buffer.from(input), keyOptions(alg, key)).toString('base64url')}`;
}

/** Split and parse a compact JWS; undefined when it is not one (a static token, garbage). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as JwtHeader;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as JwtClaims;
    if (!header || typeof header !== 'object' || typeof header.alg !== 'string' || !claims || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch (err) {
    // Not JSON inside: not a JWT.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Does `key` sign this token? `none` and unknown algorithms never do. */
export function verifyJwt(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = ALGORITHMS[jwt.header.alg];
  if (!alg) return false;
  try {
    return verify(alg.digest, Buffer.from(jwt.signingInput), keyOptions(alg, key), jwt.signature);
  } catch (err) {
    // A key of another type than the algorithm needs (an RSA key for ES256): it does not sign this token.
    if (err instanceof Error && 'code' in err) return false;
    throw err;
  }
}

export function publicKeyFromJwk(jwk: JsonWebKey): KeyObject | undefined {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch (err) {
    // A key Node cannot read (an unknown curve, a symmetric key): skipped, as go-jose skips it.
    if (err instanceof Error && 'code' in err) return undefined;
    throw err;
  }
}

/** `aud` as a list: a single string or an array of strings. */
export function audiences(claims: JwtClaims): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}
