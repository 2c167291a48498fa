import { nameProblems, quoted } from '../../kube/names.ts';
import type { ClientMessage, FirstScreen } from './protocol.ts';

const MAX_ID = 128;
const MAX_NAMESPACES = 500;
/** A first screen is what fits on a monitor, not a page of the list. */
const MAX_FIRST_ROWS = 1000;
const MAX_FIELD = 64;

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

function parseFirstScreen(v: unknown): FirstScreen | string {
  const problem = `firstScreen needs rows (1-${MAX_FIRST_ROWS}) and an order with a field name of 1-${MAX_FIELD} characters`;
  if (typeof v !== 'object' || v === null) return problem;
  const { rows, order } = v as Record<string, unknown>;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1 || rows > MAX_FIRST_ROWS) return problem;
  if (typeof order !== 'object' || order === null) return problem;
  const { field, descending } = order as Record<string, unknown>;
  if (typeof field !== 'string' || field.length === 0 || field.length > MAX_FIELD) return problem;
  if (descending !== undefined && typeof descending !== 'boolean') return problem;
  return { rows, order: descending ? { field, descending } : { field } };
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
      const subscribe: ClientMessage = { type: 'subscribe', id: m.id, view: m.view, context: m.context, namespaces: namespaces as string[], params };
      if (m.firstScreen === undefined) return subscribe;
      const firstScreen = parseFirstScreen(m.firstScreen);
      if (typeof firstScreen === 'string') return firstScreen;
      return { ...subscribe, firstScreen };
    }
    default:
      return `unknown message type ${JSON.stringify(m.type)}`;
  }
}
