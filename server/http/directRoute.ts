/**
 * One path served without Express's router: for every `next()` the router parses the URL again
 * and matches it against each remaining layer (the app's own, then each handler of the mount in
 * turn), which on a small proxied GET cost about as much as relaying it. A request under the
 * mount path runs the same handlers, in the same order, on Express's request and response
 * prototypes (as app.handle sets them), so res.set, res.send and req.secure under 'trust proxy'
 * behave as they do behind the router. Everything else (other paths, other spellings of this
 * one, absolute-form targets) still goes through the router, which keeps the same mount.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

export interface DirectRoute {
  /** The app-level handlers a request under the mount passes through first (log, Host check, headers). */
  before: RequestHandler[];
  /** Where `mounted` is mounted (`{base}k8s`): URLs starting with it and `/` are served here. */
  mountPath: string;
  mounted: RequestHandler[];
  /** The app's error handler, for a handler that throws, rejects or calls next(err). */
  onError: ErrorRequestHandler;
  /** Answers a request every handler passed on (the app's 404). */
  notFound: RequestHandler;
}

/**
 * Request and response classes for http.createServer whose instances are born with Express's
 * prototypes. app.handle otherwise gives each request and response new ones with
 * Object.setPrototypeOf, after which V8 rebuilds their hidden classes: tens of microseconds a
 * request, more than the rest of a small proxied GET's own work.
 */
export function expressMessages(app: Express) {
  class ExpressRequest extends http.IncomingMessage {}
  Object.setPrototypeOf(ExpressRequest.prototype, app.request);
  class ExpressResponse<Req extends IncomingMessage = IncomingMessage> extends http.ServerResponse<Req> {}
  Object.setPrototypeOf(ExpressResponse.prototype, app.response);
  return { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse };
}

/** Returns a listener that serves a request under the mount and says true, or leaves it and says false. */
export function directRoute(app: Express, route: DirectRoute): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prefix = `${route.mountPath}/`;
  const handlers = [...route.before, ...route.mounted];
  const mountedFrom = route.before.length;
  return (incoming, outgoing) => {
    if (!incoming.url?.startsWith(prefix)) return false;
    const req = incoming as Request;
    const res = outgoing as Response;
    req.res = res;
    res.req = req;
    // Already in place when the server was built with expressMessages.
    if (!Object.prototype.isPrototypeOf.call(app.request, req)) Object.setPrototypeOf(req, app.request);
    if (!Object.prototype.isPrototypeOf.call(app.response, res)) Object.setPrototypeOf(res, app.response);
    res.locals ??= Object.create(null);
    req.originalUrl = req.url;
    req.baseUrl = '';
    req.params = {};
    let index = 0;
    let failed = false;
    const fail = (err: unknown) => {
      // One answer per request: a second failure (the error handler's own) only ends the socket.
      if (failed) return void res.destroy();
      failed = true;
      route.onError(err, req, res, () => res.destroy());
    };
    const next = (err?: unknown): void => {
      if (err === 'router') index = handlers.length;
      else if (err !== undefined && err !== null && err !== 'route') return fail(err);
      if (index === mountedFrom) {
        req.baseUrl = route.mountPath;
        req.url = req.url.slice(route.mountPath.length);
      }
      const handler = handlers[index++];
      if (!handler) {
        req.baseUrl = '';
        req.url = req.originalUrl;
        return void route.notFound(req, res, fail);
      }
      try {
        const returned: unknown = handler(req, res, next);
        if (returned instanceof Promise) returned.catch((e: unknown) => next(e ?? new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    next();
    return true;
  };
}
