/**
 * The session cookie: a JWE (dir + A256GCM, jose) sealed with the first session key and opened
 * with any of them, so keys rotate without signing everyone out and every replica holding the
 * Secret reads every session — no sticky sessions and no server-side store. Browsers keep about
 * 4 KB per cookie; a session that seals larger (an OIDC ID token plus refresh token) is split
 * across numbered cookies.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EncryptJWT, jwtDecrypt, errors as joseErrors } from 'jose';
import type { Session } from './identity.ts';

export const SESSION_COOKIE = 'console_session';
/** Under the ~4096-byte limit per cookie, with room for the name and attributes. */
const CHUNK = 3800;
const MAX_CHUNKS = 4;

interface SealingKey {
  kid: string;
  key: Uint8Array;
}

/** A secret of any length becomes a 256-bit key; its digest's prefix names it in the JWE header. */
function sealingKey(secret: string): SealingKey {
  const key = createHash('sha256').update(`console-session\u0000${secret}`).digest();
  return { kid: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

export interface CookieOptions {
  basePath: string;
  secure: boolean;
}

export interface SessionSealer {
  seal(session: Session): Promise<string[]>;
  /** undefined: no cookie, or one no key opens (tampered, another deployment's, or expired). */
  open(req: IncomingMessage): Promise<Session | undefined>;
  /** Set-Cookie values that store the session (and clear chunks it no longer needs). */
  setCookies(sealed: string[], opts: CookieOptions, maxAgeS: number): string[];
  clearCookies(opts: CookieOptions): string[];
}

/** `Cookie:` header → name → value (first wins, as browsers send the most specific path first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

const chunkName = (i: number) => (i === 0 ? SESSION_COOKIE : `${SESSION_COOKIE}.${i}`);

function attributes(opts: CookieOptions, maxAgeS: number): string {
  return `Path=${opts.basePath}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${opts.secure ? '; Secure' : ''}`;
}

export function createSessionSealer(secrets: readonly string[]): SessionSealer {
  if (secrets.length === 0) throw new Error('no session key');
  const keys = secrets.map(sealingKey);
  return {
    async seal(session) {
      const jwe = await new EncryptJWT({ s: session })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: keys[0].kid })
        .setIssuedAt()
        .setExpirationTime(Math.floor(session.expiresAt / 1000))
        .encrypt(keys[0].key);
      const chunks: string[] = [];
      for (let i = 0; i < jwe.length; i += CHUNK) chunks.push(jwe.slice(i, i + CHUNK));
      if (chunks.length > MAX_CHUNKS) throw new Error(`the session is too large for cookies (${jwe.length} bytes)`);
      return chunks;
    },
    async open(req) {
      const cookies = parseCookies(req.headers.cookie);
      let jwe = '';
      for (let i = 0; i < MAX_CHUNKS && cookies.has(chunkName(i)); i++) jwe += cookies.get(chunkName(i));
      if (!jwe) return undefined;
      for (const k of keys) {
        try {
          const { payload } = await jwtDecrypt(jwe, k.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
          const s = payload.s as Session | undefined;
          if (!s || typeof s.token !== 'string' || typeof s.context !== 'string' || !s.identity) return undefined;
          return s;
        } catch (err) {
          if (err instanceof joseErrors.JOSEError) continue; // another key, tampered, malformed or expired
          throw err;
        }
      }
      return undefined;
    },
    setCookies(sealed, opts, maxAgeS) {
      const set = sealed.map((v, i) => `${chunkName(i)}=${v}; ${attributes(opts, maxAgeS)}`);
      for (let i = sealed.length; i < MAX_CHUNKS; i++) set.push(`${chunkName(i)}=; ${attributes(opts, 0)}`);
      return set;
    },
    clearCookies(opts) {
      return Array.from({ length: MAX_CHUNKS }, (_, i) => `${chunkName(i)}=; ${attributes(opts, 0)}`);
    },
  };
}
