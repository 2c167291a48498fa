/**
 * resource.Quantity's canonical String(): how kube-apiserver writes a quantity back (in quota
 * status, in its messages). "0.5" is "500m", "2000" is "2k", "1536Mi" stays "1536Mi", "1024Mi"
 * is "1Gi". A sum keeps the format of its first term, as Quantity.Add does.
 */
import { parseQuantity } from '../../../kube/quantity.ts';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The format a written quantity carries: binary for Ki…Ei, exponent for 1e3, else decimal. */
export function formatOf(q: string | number | undefined): QuantityFormat {
  if (typeof q !== 'string') return 'DecimalSI';
  if (/[KMGTPE]i$/.test(q.trim())) return 'BinarySI';
  if (/\d[eE][+-]?\d+$/.test(q.trim())) return 'DecimalExponent';
  return 'DecimalSI';
}

/** Nano-units as a bigint, so sums of millicores do not drift as floats do. */
export function nanos(q: string | number): bigint {
  return BigInt(Math.round(parseQuantity(q) * 1e9));
}

function decimal(n: bigint, exponentSuffix: (e: number) => string): string {
  if (n === 0n) return '0';
  const negative = n < 0n;
  let mantissa = negative ? -n : n;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // The exponent moves down to a multiple of 3 (AsCanonicalBytes), the mantissa grows to match.
  const extra = ((exponent % 3) + 3) % 3;
  exponent -= extra;
  mantissa *= 10n ** BigInt(extra);
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  return `${negative ? '-' : ''}${mantissa}${exponentSuffix(exponent)}`;
}

/** The canonical string of `n` nano-units written in `format`. */
export function quantityFromNanos(n: bigint, format: QuantityFormat): string {
  const whole = n % 1_000_000_000n === 0n;
  const value = n / 1_000_000_000n;
  if (format === 'BinarySI' && whole && (value >= 1024n || value <= -1024n)) {
    let amount = value < 0n ? -value : value;
    let power = 0;
    while (amount % 1024n === 0n && power < BINARY_SUFFIX.length - 1) {
      amount /= 1024n;
      power++;
    }
    return `${value < 0n ? '-' : ''}${amount}${BINARY_SUFFIX[power]}`;
  }
  if (format === 'DecimalExponent') return decimal(n, (e) => (e === 0 ? '' : `e${e}`));
  return decimal(n, (e) => DECIMAL_SUFFIX[e] ?? `e${e}`);
}

/** The canonical form of a written quantity (what the API server stores and answers). */
export function canonicalQuantity(q: string | number): string {
  return quantityFromNanos(nanos(q), formatOf(q));
}
