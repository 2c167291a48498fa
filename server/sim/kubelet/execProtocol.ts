/**
 * The Kubernetes remotecommand websocket subprotocols: negotiation, channel framing
 * (binary `[channel][payload]`, base64 `'0'+channel` + base64 text), the resize stream
 * and the exit status written on channel 3.
 *
 * As the kubelet's wsstream: the first protocol the client offers that we support wins;
 * no offer at all selects the legacy unnamed binary protocol; offers we support none of
 * are refused with 403. There is no base64 variant of v5.
 */
export interface ChannelProtocol {
  /** The name echoed in Sec-WebSocket-Protocol ('' when the client offered none). */
  name: string;
  version: 1 | 2 | 3 | 4 | 5;
  base64: boolean;
}

export const SUPPORTED: readonly ChannelProtocol[] = [
  { name: 'v5.channel.k8s.io', version: 5, base64: false },
  { name: 'v4.channel.k8s.io', version: 4, base64: false },
  { name: 'v4.base64.channel.k8s.io', version: 4, base64: true },
  { name: 'v3.channel.k8s.io', version: 3, base64: false },
  { name: 'v2.channel.k8s.io', version: 2, base64: false },
  { name: 'channel.k8s.io', version: 1, base64: false },
  { name: 'base64.channel.k8s.io', version: 1, base64: true },
];

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The offered protocols from a Sec-WebSocket-Protocol header, minus bearer-token entries. */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('base64url.bearer.authorization.k8s.io.'));
}

/** The protocol to use, or undefined when the client offered only protocols we do not speak. */
export function selectProtocol(offered: string[]): ChannelProtocol | undefined {
  if (offered.length === 0) return { name: '', version: 1, base64: false };
  for (const o of offered) {
    const p = SUPPORTED.find((s) => s.name === o);
    if (p) return p;
  }
  return undefined;
}

export function encodeFrame(p: ChannelProtocol, channel: number, data: Buffer | string): Buffer | string {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (p.base64) return String.fromCharCode(48 + channel) + payload.toString('base64');
  const frame = Buffer.allocUnsafe(payload.length + 1);
  frame[0] = channel;
  payload.copy(frame, 1);
  return frame;
}

export function decodeFrame(p: ChannelProtocol, data: Buffer, isBinary: boolean): { channel: number; payload: Buffer } | undefined {
  if (data.length === 0) return undefined;
  if (p.base64 && !isBinary) {
    const text = data.toString('utf8');
    return { channel: text.charCodeAt(0) - 48, payload: Buffer.from(text.slice(1), 'base64') };
  }
  return { channel: data[0], payload: data.subarray(1) };
}

/**
 * Parses the resize channel: a stream of JSON objects `{"Width":80,"Height":24}` (client-node
 * sends lowercase keys), possibly split across frames or several in one frame.
 */
export class ResizeParser {
  private buffer = '';

  push(chunk: Buffer | string): { cols: number; rows: number }[] {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const out: { cols: number; rows: number }[] = [];
    for (;;) {
      const start = this.buffer.indexOf('{');
      if (start < 0) {
        this.buffer = '';
        return out;
      }
      let depth = 0;
      let end = -1;
      let inString = false;
      for (let i = start; i < this.buffer.length; i++) {
        const c = this.buffer[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
          end = i;
          break;
        }
      }
      if (end < 0) {
        this.buffer = this.buffer.slice(start);
        return out;
      }
      const text = this.buffer.slice(start, end + 1);
      this.buffer = this.buffer.slice(end + 1);
      try {
        const o = JSON.parse(text) as Record<string, unknown>;
        const cols = Number(o.Width ?? o.width);
        const rows = Number(o.Height ?? o.height);
        if (cols > 0 && rows > 0) out.push({ cols, rows });
      } catch (err) {
        // A malformed object is skipped, as the kubelet's decoder would stop on it.
        if (!(err instanceof SyntaxError)) throw err;
      }
    }
  }
}

/** What goes on the error channel when the process ends, or undefined for nothing (v1-v3 success). */
export function exitStatusPayload(p: ChannelProtocol, exit: { code: number } | { internalError: string }, argv: string[]): string | undefined {
  if ('internalError' in exit) {
    const message = `Internal error occurred: ${exit.internalError}`;
    if (p.version < 4) return message;
    return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message: exit.internalError }] }, code: 500 });
  }
  if (exit.code === 0) return p.version < 4 ? undefined : JSON.stringify({ metadata: {}, status: 'Success' });
  const message = `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exit.code}`;
  if (p.version < 4) return message;
  return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(exit.code) }] } });
}
