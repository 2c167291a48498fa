/**
 * Every URL the SPA requests is built here, relative to the base path the BFF announces
 * in `<meta name="console-base">` (e.g. `/console/`), so components never build URLs.
 */

/** Normalises a base path to start and end with exactly one `/`. */
export function normaliseBase(raw: string | null | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

let cachedBase: string | undefined;

/** The console's base path at run time (`/` unless the BFF is mounted under a sub-path). */
export function basePath(): string {
  if (cachedBase === undefined) {
    const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="console-base"]');
    cachedBase = normaliseBase(meta?.getAttribute('content'));
  }
  return cachedBase;
}

/** The router's basename: the base path without its trailing slash (`''` at the root). */
export function routerBasename(base = basePath()): string {
  return base === '/' ? '/' : base.slice(0, -1);
}

/** A BFF endpoint: `apiUrl('/contexts')` → `/console/api/contexts`. */
export function apiUrl(path: string, base = basePath()): string {
  return `${base}api/${path.replace(/^\/+/, '')}`;
}

/** A raw Kubernetes API path through the proxy; the context name is URL-encoded (it may hold `/`, `:`, `@`). */
export function k8sUrl(context: string, path: string, base = basePath()): string {
  return `${base}k8s/${encodeURIComponent(context)}/${path.replace(/^\/+/, '')}`;
}

/** The live channel's websocket URL, same origin as the page. */
export function liveSocketUrl(location: { protocol: string; host: string }, base = basePath()): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${apiUrl('live', base)}`;
}
