/**
 * Every header the console sets, in one place. Errors carry them too: without cache headers a
 * browser may cache an error heuristically (404 and 410 are cacheable by default), and nginx's
 * add_header skips error responses, so the app must set them itself.
 */
import type { RequestHandler } from 'express';

export const NO_STORE = 'no-store';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** xterm renders with inline styles; everything else is same-origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Everything relayed from an API server under /k8s, above all pod, service and node proxies
 * (whatever a workload serves): rendered, if at all, in a unique opaque origin with no script,
 * no forms and no subresources, so it can neither read the console's cookies and storage nor
 * call /k8s with the console's credentials. API clients (fetch, kubectl) ignore CSP.
 */
export const PROXIED_CONTENT_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

/** On every response the console sends, HTML or JSON. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

/** On every response under /api and /k8s, including errors and relayed API-server answers. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Cache-Control': NO_STORE,
};

/** HSTS only when the browser really talks TLS to us or to the proxy in front (req.secure honours trust proxy). */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set(SECURITY_HEADERS);
  if (req.secure) res.set('Strict-Transport-Security', HSTS);
  next();
};

export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', NO_STORE);
  next();
};
