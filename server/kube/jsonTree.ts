/**
 * Copy and compare stored objects, which are JSON trees. Both run per store write (several
 * times per pod status update), so they walk plain objects and arrays directly — about
 * 7× faster than structuredClone and JSON.stringify on a pod — and hand anything else
 * (Dates, typed arrays, non-finite numbers, undefined in arrays) to the general path.
 */

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A deep copy; plain objects and arrays are walked, other values copied as structuredClone copies them. */
export function deepCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i]);
    return out as T;
  }
  if (!isPlainObject(v)) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = deepCopy((v as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * Recently seen strings, so that equal values in stored objects share one copy: at ten
 * thousand pods most strings are the same few timestamps, images, reasons and paths,
 * repeated per object. Two generations bound it: a value not seen again within
 * GENERATION newer distinct values is forgotten (uids, unique names).
 */
class StringPool {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();

  constructor(private readonly generation: number) {}

  intern(s: string): string {
    // JSON.parse already shares values of up to 10 characters (V8 internalizes them).
    if (s.length <= 10) return s;
    const hit = this.current.get(s);
    if (hit !== undefined) return hit;
    const old = this.previous.get(s) ?? s;
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(old, old);
    return old;
  }
}

const pool = new StringPool(50_000);

function internStrings(v: unknown): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'string') v[i] = pool.intern(x);
      else if (typeof x === 'object' && x !== null) internStrings(x);
    }
  } else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'string') o[k] = pool.intern(x);
      else if (typeof x === 'object' && x !== null) internStrings(x);
    }
  }
}

/**
 * A copy in the most compact form V8 has, for objects kept a long time (the store's).
 * JSON.parse sizes every object for its properties and makes every string one flat
 * sequence; a copy built property by property grows out-of-object property arrays, and
 * strings built by concatenation (names, timestamps, IPs) stay ropes of many small nodes.
 * Equal strings are then shared through a pool. At ten thousand pods this halves the heap.
 * It is several times slower than deepCopy, so objects handed out for a moment are copied
 * with deepCopy. Drops `undefined` members, as the wire does.
 */
export function compactCopy<T extends object>(v: T): T {
  const copy = JSON.parse(JSON.stringify(v)) as T;
  internStrings(copy);
  return copy;
}

/** Values JSON.stringify leaves out of an object. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function generalEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when JSON.stringify(a) === JSON.stringify(b) (key order counts), without building the strings. */
export function sameJson(a: unknown, b: unknown): boolean {
  if ((typeof a === 'string' && typeof b === 'string') || (typeof a === 'boolean' && typeof b === 'boolean')) return a === b;
  if (typeof a === 'number' && Number.isFinite(a) && typeof b === 'number' && Number.isFinite(b)) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return generalEqual(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // In arrays JSON writes omitted values as null: compare those the general way.
      if (omitted(a[i]) || omitted(b[i]) ? !generalEqual([a[i]], [b[i]]) : !sameJson(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return generalEqual(a, b);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if ('toJSON' in ra || 'toJSON' in rb) return generalEqual(a, b);
  const kb: string[] = [];
  for (const k in rb) if (!omitted(rb[k])) kb.push(k);
  let i = 0;
  for (const k in ra) {
    if (omitted(ra[k])) continue;
    if (kb[i++] !== k || !sameJson(ra[k], rb[k])) return false;
  }
  return i === kb.length;
}
