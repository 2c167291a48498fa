import type { IncomingMessage } from 'node:http';

/** A request to upgrade to SPDY/3.1 (kubectl's exec, attach and port-forward before websockets). */
export function isSpdyUpgrade(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1' && /upgrade/i.test(String(req.headers.connection ?? ''));
}
