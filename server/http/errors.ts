/**
 * The BFF's own errors, shaped as Kubernetes `Status` objects so the SPA has one error type
 * whether the API server or the console refused. Never a stack trace, always no-store.
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import type { StatusBody } from '../sim/api/errors.ts';
import { API_HEADERS } from './headers.ts';
import type { Logger } from './log.ts';

export function statusBody(code: number, reason: string, message: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export function sendStatus(res: Response, code: number, reason: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.set(API_HEADERS).status(code).type('application/json').send(JSON.stringify(statusBody(code, reason, message)));
}

/** Answer a refused upgrade on the raw socket (there is no Response object yet), then drop it. */
export function rejectUpgrade(socket: Duplex, code: number, reason: string, message: string, extraHeaders: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(statusBody(code, reason, message));
  const headers: Record<string, string | number> = {
    ...API_HEADERS,
    ...extraHeaders,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  };
  const head = [`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(head.join('\r\n') + '\r\n\r\n' + body);
  socket.once('finish', () => socket.destroy());
}

/** Last Express handler: anything thrown becomes a Status 500 (or the error's own 4xx), logged with its stack. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string; stack?: string };
    const code = e.status ?? e.statusCode ?? 500;
    if (code >= 500) log.error('request failed', { path: req.path, err: e.message, stack: e.stack });
    const reason = code === 400 ? 'BadRequest' : code === 413 ? 'RequestEntityTooLarge' : code === 415 ? 'UnsupportedMediaType' : code < 500 ? 'BadRequest' : 'InternalError';
    // Client errors (bad JSON, too large) may explain themselves; server errors never leak internals.
    const message = code < 500 && e.message ? e.message : 'internal error in the console server; see its log';
    sendStatus(res, code, reason, message);
  };
}
