/**
 * Which upgrades the proxy carries: exactly the ones kube-apiserver takes for the subresource.
 * - A websocket: GET with `Upgrade: websocket` (exec, attach and port-forward with the channel
 *   subprotocols, `SPDY/3.1+portforward.k8s.io` from kubectl ≥1.31, websocket watches); what the
 *   API server makes of the path is its own answer, relayed.
 * - SPDY/3.1: `Upgrade: SPDY/3.1` with `X-Stream-Protocol-Version`, POST (kubectl <1.30 exec
 *   and attach, <1.31 port-forward, client-go) or GET, on the exec, attach and portforward
 *   subresources of a pod: the only connect endpoints that speak it.
 * Anything else is refused here, before the API server hears of it.
 */
import type { IncomingMessage } from 'node:http';
import type { ProxyRefusal } from './upstreamError.ts';

export type UpgradeKind = 'websocket' | 'spdy';

/** The token sent upstream in `Upgrade` for each kind. */
export const UPGRADE_TOKEN: Record<UpgradeKind, string> = { websocket: 'websocket', spdy: 'SPDY/3.1' };

const POD_STREAM = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach|portforward)$/;

/** The API server's connect endpoints for pods take GET and POST. */
const CONNECT_METHODS = new Set(['GET', 'POST']);

export function upgradeKind(req: IncomingMessage, path: string): UpgradeKind | ProxyRefusal {
  const token = String(req.headers.upgrade ?? '').toLowerCase();
  if (token === 'websocket' && req.method === 'GET') return 'websocket';
  if (token !== 'spdy/3.1') return { code: 400, reason: 'BadRequest', message: 'only GET requests with "Upgrade: websocket" can be upgraded' };
  if (!POD_STREAM.test(path)) {
    return { code: 400, reason: 'BadRequest', message: 'only the exec, attach and portforward subresources of pods can be upgraded to SPDY/3.1' };
  }
  // kube-apiserver's wording (k8s.io/apiserver handlers: errors.NewMethodNotSupported).
  if (!CONNECT_METHODS.has(req.method ?? '')) return { code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' };
  // The kubelet's wording (httpstream.Handshake), relayed by kube-apiserver as a 400.
  if (!req.headers['x-stream-protocol-version']) return { code: 400, reason: 'BadRequest', message: 'unable to upgrade: X-Stream-Protocol-Version is required' };
  return 'spdy';
}
