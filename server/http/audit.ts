/**
 * The audit trail: one JSON line (msg "audit") for every write through the console — BFF
 * actions and proxied API calls — and every exec, attach and port-forward, with who (as the API
 * server knows them), what, and the outcome. Only paths and, for exec, the command: never a
 * body, header, cookie or token.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Identity } from '../clusters/signIn/identity.ts';
import type { Logger } from '../log.ts';
import { pathOnly, requestId } from './requestLog.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
const STREAMS = /\/(exec|attach|portforward)$/;

export interface AuditLog {
  /** Express middleware: logs writes when their response is done. */
  writes: RequestHandler;
  /** Called by the proxy when an upgrade ends or is refused, with the status it got. */
  upgrade(req: IncomingMessage, status: number): void;
}

/** `command` values of an exec: what was run is the point of auditing it. */
function commandOf(url: string): string[] | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  const command = new URLSearchParams(url.slice(q + 1)).getAll('command');
  return command.length ? command.map((c) => c.slice(0, 500)) : undefined;
}

export function createAuditLog(log: Logger, identityOf: (req: object) => Identity | undefined): AuditLog {
  const line = (req: IncomingMessage, path: string, verb: string, status: number, extra: Record<string, unknown> = {}) => {
    const who = identityOf(req);
    log.info('audit', { id: requestId(req), user: who?.user ?? 'anonymous', groups: who?.groups ?? [], verb, path: path.slice(0, 1000), status, ...extra });
  };
  return {
    writes(req, res, next) {
      if (READS.has(req.method)) return next();
      const path = pathOnly(req.originalUrl);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        line(req, path, VERBS[req.method] ?? req.method.toLowerCase(), res.writableFinished ? res.statusCode : 499);
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    },
    upgrade(req, status) {
      const path = pathOnly(req.url);
      const stream = STREAMS.exec(path)?.[1];
      if (!stream) return;
      const command = stream === 'exec' ? commandOf(req.url ?? '') : undefined;
      line(req, path, stream, status, command ? { command } : {});
    },
  };
}
