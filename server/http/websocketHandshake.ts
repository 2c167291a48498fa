/**
 * The checks the `ws` library makes on a handshake, made first so that a refusal is a Status
 * with the console's headers instead of ws's bare text 400 (RFC 6455 §4.2.1: a 16-byte
 * base64 key; versions 8 and 13 are the ones ws speaks).
 */
import type { IncomingMessage } from 'node:http';

const KEY = /^[+/0-9A-Za-z]{22}==$/;

/** Why this upgrade cannot be a websocket handshake, or undefined. */
export function websocketHandshakeProblem(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' || String(req.headers.upgrade).toLowerCase() !== 'websocket') return 'only GET with "Upgrade: websocket" can be upgraded';
  if (!KEY.test(String(req.headers['sec-websocket-key'] ?? ''))) return 'Sec-WebSocket-Key must be 16 bytes in base64';
  const version = String(req.headers['sec-websocket-version'] ?? '');
  if (version !== '13' && version !== '8') return 'Sec-WebSocket-Version must be 13';
  return undefined;
}
