/**
 * Start-up: which sign-in mode is in force for the clusters found, refusing set-ups that would
 * hand the console's credentials to the network.
 */
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { ClusterRegistry } from '../types.ts';
import { AuthConfigError, resolveAuthMode } from './authSettings.ts';
import { createOidcFlow } from './oidcSignIn.ts';
import { createSignIn, type OidcParts, type SignIn } from './signIn.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function startSignIn(config: Pick<Config, 'auth' | 'host' | 'basePath' | 'publicUrl'>, clusters: ClusterRegistry, log: Logger): SignIn {
  const source = clusters.get(clusters.current)?.source ?? 'demo';
  const mode = resolveAuthMode(config.auth, source, config.publicUrl);
  if (mode === 'local' && !LOOPBACK.has(config.host)) {
    // local mode serves the kubeconfig's credentials to whoever can connect.
    if (!config.auth.mode) throw new AuthConfigError(`HOST=${config.host} is not loopback: local mode would give anyone who can reach it your kubeconfig's rights. Set CONSOLE_AUTH=token (or oidc), or CONSOLE_AUTH=local to accept that`);
    log.warn('local mode listening beyond loopback: everyone who reaches the console acts with the kubeconfig credentials', { host: config.host });
  }
  if (mode === 'serviceaccount') log.warn('CONSOLE_AUTH=serviceaccount: every user acts as the console service account');
  // resolveAuthMode has made sure oidc mode has its settings and PUBLIC_URL.
  const { oidc: oidcSettings } = config.auth;
  const publicUrl = config.publicUrl;
  const oidc =
    mode === 'oidc' && oidcSettings && publicUrl
      ? (parts: OidcParts) => createOidcFlow({ ...parts, settings: oidcSettings, sessionKeys: config.auth.sessionKeys, sessionTtlMs: config.auth.sessionTtlMs, clusters, basePath: config.basePath, publicUrl, log })
      : undefined;
  return createSignIn({ mode, settings: config.auth, clusters, basePath: config.basePath, publicUrl, log, ...(oidc ? { oidc } : {}) });
}
