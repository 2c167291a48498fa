/**
 * Kubernetes resource quantities ("100m", "1.5Gi", "2e3") as plain numbers in base units,
 * the way resource.Quantity reads them.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A malformed quantity: the one error parseQuantity throws, so callers can expect it by name. */
export class QuantityError extends Error {}

/** The value of a quantity in base units (cores, bytes, counts). Throws QuantityError on a malformed quantity. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  // Specs we did not validate may hold anything; a non-string is as malformed as a bad string.
  if (typeof q !== 'string') throw new QuantityError(`a quantity must be a string or a number: ${JSON.stringify(q)}`);
  const m = QUANTITY.exec(q.trim());
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${q}`);
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Like parseQuantity, but a missing or malformed value counts as zero (specs we did not validate). */
export function quantityOrZero(q: string | number | undefined): number {
  if (q === undefined || q === null || q === '') return 0;
  try {
    return parseQuantity(q);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    return 0;
  }
}

/** CPU in millicores, rounded up as Quantity.MilliValue does. */
export function cpuMillis(q: string | number | undefined): number {
  return Math.ceil(Math.round(quantityOrZero(q) * 1e9) / 1e6);
}

/** An integer amount (bytes, counts), rounded up as Quantity.Value does. */
export function wholeUnits(q: string | number | undefined): number {
  return Math.ceil(Math.round(quantityOrZero(q) * 1e3) / 1e3);
}
