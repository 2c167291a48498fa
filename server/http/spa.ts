/**
 * Serving the built SPA (vite's dist/) under the base path. Hashed assets are immutable; index.html
 * is revalidated; a missing file is a 404, never index.html (a stale tab asking for an old chunk
 * must see an error, not HTML parsed as JavaScript). The base path is written into index.html at
 * run time, so one build serves any BASE_PATH.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler, Response } from 'express';
import { IMMUTABLE, NO_CACHE, NO_STORE } from './headers.ts';

/** `<base href>` makes relative asset URLs work from deep links; the meta tag tells the SPA its base. */
export function injectBase(html: string, basePath: string): string {
  const tags = `<base href="${basePath}"><meta name="console-base" content="${basePath}">`;
  const cleaned = html.replace(/<base\s[^>]*>\s*/gi, '').replace(/<meta\s+name="console-base"[^>]*>\s*/gi, '');
  const head = /<head[^>]*>/i.exec(cleaned);
  if (!head) return tags + cleaned;
  const at = head.index + head[0].length;
  return cleaned.slice(0, at) + tags + cleaned.slice(at);
}

const NOT_BUILT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Console not built</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>The console's web app is not built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.
For development with hot reload use <code>npm run dev</code>.</p>
<p>The API (<code>api/</code>) and the Kubernetes proxy (<code>k8s/</code>) are already running.</p>
</body></html>`;

function notFound(res: Response): void {
  res.status(404).set('Cache-Control', NO_STORE).type('text/plain').send('Not Found\n');
}

/** Mounted at the base path, so req.path is relative to it. */
export function createSpaHandler(opts: { distDir: string; basePath: string }): RequestHandler {
  const indexFile = join(opts.distDir, 'index.html');
  let cached: { mtimeMs: number; html: string } | undefined;

  const indexHtml = (): string | undefined => {
    if (!existsSync(indexFile)) return undefined;
    const { mtimeMs } = statSync(indexFile);
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, html: injectBase(readFileSync(indexFile, 'utf8'), opts.basePath) };
    return cached.html;
  };

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch (err) {
      if (!(err instanceof URIError)) throw err;
      return notFound(res);
    }
    if (path.split('/').some((s) => s === '..') || path.includes('\0')) return notFound(res);
    const html = indexHtml();
    if (html === undefined) {
      res.status(503).set('Cache-Control', NO_STORE).type('html').send(NOT_BUILT_PAGE);
      return;
    }
    const last = path.slice(path.lastIndexOf('/') + 1);
    const isAsset = path.startsWith('/assets/');
    // The console's own routes (`/c/{context}/…`) are never files, though object and resource
    // names hold dots (`kube-root-ca.crt`, `ingresses.networking.k8s.io`).
    const isRoute = path.startsWith('/c/');
    if (isAsset || (last.includes('.') && !isRoute)) {
      if (path === '/index.html') return sendIndex(res, html);
      const file = join(opts.distDir, path);
      if (!existsSync(file) || !statSync(file).isFile()) return notFound(res);
      res.sendFile(path.slice(1), { root: opts.distDir, dotfiles: 'deny', cacheControl: false, headers: { 'Cache-Control': isAsset ? IMMUTABLE : NO_CACHE } }, (err) => {
        if (err && !res.headersSent) notFound(res);
      });
      return;
    }
    sendIndex(res, html);
  };
}

function sendIndex(res: Response, html: string): void {
  res.status(200).set('Cache-Control', NO_CACHE).type('html').send(html);
}
