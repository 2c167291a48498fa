import { nameProblems, quoted } from '../../kube/names.ts';
import type { ClientMessage } from './protocol.ts';

const MAX_ID = 128;
const MAX_NAMESPACES = 500;

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** A message from the browser, checked field by field; a string says what is wrong with it. */
export function parseClientMessage(text: string): ClientMessage | string {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return 'message is not JSON';
  }
  if (typeof msg !== 'object' || msg === null) return 'message is not an object';
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'ping':
      return { type: 'ping', t: typeof m.t === 'number' ? m.t : 0 };
    case 'unsubscribe':
      if (typeof m.id !== 'string') return 'unsubscribe needs a string id';
      return { type: 'unsubscribe', id: m.id };
    case 'subscribe': {
      if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > MAX_ID) return `subscribe needs an id of 1-${MAX_ID} characters`;
      if (typeof m.view !== 'string') return 'subscribe needs a view name';
      if (typeof m.context !== 'string') return 'subscribe needs a context name';
      const namespaces = m.namespaces ?? [];
      if (!Array.isArray(namespaces) || namespaces.length > MAX_NAMESPACES || !namespaces.every((n) => typeof n === 'string')) {
        return `namespaces must be a list of at most ${MAX_NAMESPACES} names`;
      }
      const badNamespace = (namespaces as string[]).find((n) => nameProblems('dns1123Label', n).length > 0);
      if (badNamespace !== undefined) return `namespace ${quoted(badNamespace)} is not a valid namespace name`;
      const params = m.params ?? {};
      if (!isStringRecord(params)) return 'params must map names to strings';
      return { type: 'subscribe', id: m.id, view: m.view, context: m.context, namespaces: namespaces as string[], params };
    }
    default:
      return `unknown message type ${JSON.stringify(m.type)}`;
  }
}
