/**
 * JSON requests to one context's API server with that context's credentials (H5a's
 * credentialsFor: the same pool and auth headers the proxy uses). A non-2xx answer throws
 * the API server's own Status, code kept, so the route can relay it unchanged.
 */
import http from 'node:http';
import https from 'node:https';
import type { StatusBody } from '../sim/api/errors.ts';
import { credentialsFor } from '../clusters/credentials.ts';
import type { ClusterContext } from '../clusters/types.ts';
import { failureStatus, statusFromResponse, unreachableStatus } from '../views/kubeStatus.ts';
import { upstreamUrl, withConnectTimeout } from '../proxy/httpProxy.ts';

export class KubeStatusError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
}

export function badRequest(message: string): KubeStatusError {
  return new KubeStatusError(failureStatus(400, 'BadRequest', message));
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

export async function kubeJson<T>(ctx: ClusterContext, path: string, req: KubeRequest = {}): Promise<T> {
  const credentials = credentialsFor(ctx);
  let access;
  try {
    access = await credentials.apply();
  } catch (err) {
    throw new KubeStatusError(unreachableStatus(ctx.name, err));
  }
  const search = req.query && Object.keys(req.query).length ? `?${new URLSearchParams(req.query)}` : '';
  const target = upstreamUrl(credentials.server, path, search);
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { ...access.headers, Accept: 'application/json' };
  if (payload !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const transport = target.protocol === 'https:' ? https : http;
  const { code, text } = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    const out = transport.request(target, { method: req.method ?? 'GET', agent: access.agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ code: res.statusCode ?? 502, text }));
      res.on('error', (err) => reject(new KubeStatusError(unreachableStatus(ctx.name, err))));
    });
    withConnectTimeout(out);
    out.on('error', (err) => reject(new KubeStatusError(unreachableStatus(ctx.name, err))));
    out.end(payload);
  });
  if (code === 401) credentials.invalidate();
  if (code < 200 || code > 299) throw new KubeStatusError(statusFromResponse(code, text));
  return JSON.parse(text) as T;
}
