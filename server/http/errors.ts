/**
 * The BFF's own errors, shaped as Kubernetes `Status` objects so the SPA has one error type
 * whether the API server or the console refused. Never a stack trace, always no-store.
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import type { StatusBody } from '../kube/status.ts';
import { API_HEADERS } from './headers.ts';
import type { Logger } from '../log.ts';
import { pathOnly, requestId } from './requestLog.ts';

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

/** A Status built elsewhere (with details), sent with the same headers as sendStatus. */
export function sendStatusBody(res: Response, status: StatusBody): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.set(API_HEADERS).status(status.code ?? 500).type('application/json').send(JSON.stringify(status));
}

/** Answer on the raw socket (a refused upgrade, a request Node could not parse: no Response object), then drop it. */
export function sendStatusOnSocket(socket: Duplex, code: number, reason: string, message: string, extraHeaders: Record<string, string> = {}): void {
  sendStatusBodyOnSocket(socket, statusBody(code, reason, message), extraHeaders);
}

export function sendStatusBodyOnSocket(socket: Duplex, status: StatusBody, extraHeaders: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = status.code ?? 500;
  const body = JSON.stringify(status);
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

/** The HTTP status an error asks for: its own 4xx/5xx when it carries one (body-parser does), else 500. */
function statusOf(err: { status?: unknown; statusCode?: unknown }): number {
  const code = err.status ?? err.statusCode;
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599 ? code : 500;
}

const CLIENT_REASONS: Readonly<Record<number, string>> = { 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType' };

/**
 * Last Express handler: anything thrown or passed to `next(err)` becomes a Status (500, or the
 * error's own 4xx). A 5xx is logged at error level with the request id the client saw in
 * X-Request-Id, the path and the stack, so one line explains the user's "internal error".
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; message?: unknown; stack?: unknown };
    const code = statusOf(e);
    const message = typeof e.message === 'string' ? e.message : String(err);
    if (code >= 500) {
      log.error('request failed', { id: requestId(req), method: req.method, path: pathOnly(req.originalUrl), status: code, err: message, stack: typeof e.stack === 'string' ? e.stack : undefined });
    }
    const reason = code >= 500 ? 'InternalError' : (CLIENT_REASONS[code] ?? 'BadRequest');
    // Client errors (bad JSON, too large) may explain themselves; server errors never leak internals.
    sendStatus(res, code, reason, code < 500 && message ? message : 'internal error in the console server; see its log');
  };
}

/** Node's own refusals of what it cannot parse, by its error codes (what its default handler answers). */
const CLIENT_ERROR_ANSWERS: Readonly<Record<string, [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'BadRequest', 'the request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'RequestEntityTooLarge', 'the chunk extensions are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Timeout', 'the request was not received in time'],
};

/**
 * The HTTP server's 'clientError' (a malformed request line, oversized headers, a request too
 * slow to arrive): answered like every other error, as a small Status with no-store and the
 * security headers, then the connection is closed. Registering the listener replaces Node's
 * bare default answer, so every path here must end the socket.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own check: a response already on the wire (keep-alive) must not be corrupted.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [code, reason, message] = CLIENT_ERROR_ANSWERS[err.code ?? ''] ?? [400, 'BadRequest', 'malformed HTTP request'];
  sendStatusOnSocket(socket, code, reason, message);
}
