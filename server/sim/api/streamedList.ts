import type { ServerResponse } from 'node:http';

/** Lists longer than this are written in pieces instead of as one string. */
const STREAM_ABOVE = 1000;
/** Items per piece. */
const PIECE = 250;
const SENTINEL = '\u0000streamed-array\u0000';

/**
 * The big array of a list response (`items`, or a Table's `rows`) when it is long enough
 * to stream. One JSON.stringify of 10,000 pods is a 30 MB string plus its 30 MB buffer;
 * V8 and malloc keep that memory after the response (RSS grew ~110 MB per full list).
 */
function bigArray(body: unknown): { key: 'items' | 'rows'; values: readonly unknown[] } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  for (const key of ['items', 'rows'] as const) {
    const values = (body as Record<string, unknown>)[key];
    if (Array.isArray(values) && values.length > STREAM_ABOVE) return { key, values };
  }
  return undefined;
}

/**
 * Write `body` as JSON, byte for byte what JSON.stringify gives, but a big list goes out
 * PIECE items at a time with chunked encoding, waiting for the socket to drain between
 * pieces, so other requests are served meanwhile. False when the body is not a big list.
 */
export function sendStreamedList(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): boolean {
  const big = bigArray(body);
  if (!big) return false;
  const shell = JSON.stringify({ ...(body as object), [big.key]: SENTINEL });
  const at = shell.indexOf(JSON.stringify(SENTINEL));
  const head = shell.slice(0, at) + '[';
  const tail = ']' + shell.slice(at + JSON.stringify(SENTINEL).length);
  res.writeHead(status, headers);
  let next = 0;
  const writeMore = (): void => {
    while (next < big.values.length) {
      const piece = big.values.slice(next, next + PIECE).map((v) => JSON.stringify(v) ?? 'null');
      const text = (next === 0 ? head : ',') + piece.join(',');
      next += PIECE;
      if (!res.write(text)) {
        res.once('drain', writeMore);
        return;
      }
    }
    res.end(tail);
  };
  res.once('close', () => res.off('drain', writeMore));
  writeMore();
  return true;
}
