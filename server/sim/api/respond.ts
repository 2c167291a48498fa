import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseYaml } from './lazyYaml.ts';
import { sendStreamedList } from './streamedList.ts';
import { ApiError, badRequest, internalError } from '../../kube/status.ts';
import { decodeKubeProtobuf, isKubeProtobuf } from './protobuf/decode.ts';
import { rememberJsonText } from './numberLiterals.ts';

/** The one place that writes JSON responses: content type, length, and the Audit-Id the real server sends. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (sendStreamedList(res, status, body, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' })) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiErr = asApiError(err);
  sendJson(res, apiErr.code, apiErr.toStatus());
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  console.error('[sim] request failed', err);
  return internalError(err instanceof Error ? err.message : String(err));
}

const MAX_BODY = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * JSON, YAML (apply patches: `kubectl apply --server-side` sends YAML) or Kubernetes
 * protobuf (kubectl's typed clients send it for create).
 */
export function parseBody(body: Buffer, contentType: string | undefined): unknown {
  if ((contentType ?? '').includes('protobuf') || isKubeProtobuf(body)) {
    try {
      return decodeKubeProtobuf(body);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw badRequest(`unable to decode protobuf body: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const text = body.toString('utf8');
  if (!text.trim()) return undefined;
  const yaml = (contentType ?? '').includes('yaml');
  try {
    if (yaml) return parseYaml(text);
    const parsed: unknown = JSON.parse(text);
    rememberJsonText(parsed, text);
    return parsed;
  } catch (err) {
    throw badRequest(`the object provided is unrecognized (${err instanceof Error ? err.message.split('\n')[0] : 'invalid body'})`);
  }
}
