/**
 * Request ids and the one log line per request: id, method, path (never the query: it may hold
 * tokens), status, duration. The id is echoed in `X-Request-Id` so an operator can match a
 * browser error to a log line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's X-Request-Id when it looks sane, else a fresh one; remembered on the request. */
export function requestId(req: IncomingMessage): string {
  const tagged = req as IncomingMessage & { id?: string };
  if (tagged.id) return tagged.id;
  const given = req.headers['x-request-id'];
  tagged.id = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
  return tagged.id;
}

export function pathOnly(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestId(req);
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      log.info('request', {
        id,
        method: req.method,
        path: pathOnly(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
