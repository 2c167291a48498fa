/**
 * The sign-in part of the configuration: CONSOLE_AUTH, the session keys and TTL, and the
 * OIDC client. Parsed with the rest of the config at start-up (config.ts); docs/in-cluster.md
 * describes each variable.
 */
import { readFileSync } from 'node:fs';
import { AUTH_MODES, signsIn, type AuthMode } from './identity.ts';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
}

export interface AuthSettings {
  /** undefined: decided by where the clusters come from (resolveAuthMode). */
  mode?: AuthMode;
  sessionKeys: string[];
  sessionTtlMs: number;
  oidc?: OidcSettings;
}

export class AuthConfigError extends Error {}

/** A key shorter than this is a password, not a key. */
const MIN_KEY_CHARS = 32;
const DEFAULT_TTL_S = 8 * 3600;

function readSecretFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new AuthConfigError(`${name} "${path}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function sessionKeys(env: NodeJS.ProcessEnv): string[] {
  const raw = env.CONSOLE_SESSION_KEY_FILE ? readSecretFile(env.CONSOLE_SESSION_KEY_FILE, 'CONSOLE_SESSION_KEY_FILE').split('\n') : (env.CONSOLE_SESSION_KEY ?? '').split(',');
  const keys = raw.map((k) => k.trim()).filter(Boolean);
  const short = keys.find((k) => k.length < MIN_KEY_CHARS);
  if (short !== undefined) throw new AuthConfigError(`every session key must be at least ${MIN_KEY_CHARS} characters (one has ${short.length}); generate one with: openssl rand -base64 48`);
  return keys;
}

function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.CONSOLE_OIDC_ISSUER) return undefined;
  let issuer: URL;
  try {
    issuer = new URL(env.CONSOLE_OIDC_ISSUER);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new AuthConfigError(`CONSOLE_OIDC_ISSUER "${env.CONSOLE_OIDC_ISSUER}" is not an absolute URL`);
  }
  if (!env.CONSOLE_OIDC_CLIENT_ID) throw new AuthConfigError('CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_ISSUER');
  const secret = env.CONSOLE_OIDC_CLIENT_SECRET_FILE ? readSecretFile(env.CONSOLE_OIDC_CLIENT_SECRET_FILE, 'CONSOLE_OIDC_CLIENT_SECRET_FILE').trim() : env.CONSOLE_OIDC_CLIENT_SECRET;
  return {
    issuer,
    clientId: env.CONSOLE_OIDC_CLIENT_ID,
    ...(secret ? { clientSecret: secret } : {}),
    scopes: env.CONSOLE_OIDC_SCOPES || 'openid profile email offline_access',
    // kube-apiserver's --oidc-username-claim and --oidc-groups-claim defaults.
    usernameClaim: env.CONSOLE_OIDC_USERNAME_CLAIM || 'sub',
    groupsClaim: env.CONSOLE_OIDC_GROUPS_CLAIM || 'groups',
  };
}

export function parseAuthSettings(env: NodeJS.ProcessEnv): AuthSettings {
  const rawMode = env.CONSOLE_AUTH?.trim().toLowerCase();
  if (rawMode && !AUTH_MODES.includes(rawMode as AuthMode)) throw new AuthConfigError(`CONSOLE_AUTH "${env.CONSOLE_AUTH}" must be one of ${AUTH_MODES.join(', ')}`);
  const ttlRaw = env.CONSOLE_SESSION_TTL;
  const ttl = ttlRaw ? Number(ttlRaw) : DEFAULT_TTL_S;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 30 * 86_400) throw new AuthConfigError(`CONSOLE_SESSION_TTL "${ttlRaw}" must be a whole number of seconds between 60 and 2592000`);
  return { ...(rawMode ? { mode: rawMode as AuthMode } : {}), sessionKeys: sessionKeys(env), sessionTtlMs: ttl * 1000, oidc: oidcSettings(env) };
}

/**
 * The mode in force: as configured, else `token` in a pod (never the service account
 * silently) and `local` on a laptop or the demo cluster. Refuses a mode that cannot work.
 */
export function resolveAuthMode(settings: AuthSettings, source: 'kubeconfig' | 'in-cluster' | 'demo', publicUrl: URL | undefined): AuthMode {
  const mode = settings.mode ?? (source === 'in-cluster' ? 'token' : 'local');
  if (signsIn(mode) && settings.sessionKeys.length === 0) {
    throw new AuthConfigError(`CONSOLE_AUTH=${mode} needs CONSOLE_SESSION_KEY_FILE (or CONSOLE_SESSION_KEY): every replica must read every session; generate one with: openssl rand -base64 48`);
  }
  if (mode === 'oidc' && !settings.oidc) throw new AuthConfigError('CONSOLE_AUTH=oidc needs CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID');
  if (mode === 'oidc' && !publicUrl) throw new AuthConfigError('CONSOLE_AUTH=oidc needs PUBLIC_URL (the identity provider redirects the browser back to PUBLIC_URL + auth/oidc/callback)');
  return mode;
}
