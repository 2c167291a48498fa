/**
 * A storage size an operator types ("10Gi", "500M"): a Kubernetes quantity in bytes, above zero
 * and within int64, as the API server stores it. Both the claim form (to say what is wrong
 * before anything is sent) and the BFF (to refuse it) use this rule.
 */
import { parseQuantity, QuantityError } from './quantity.ts';

export type StorageSizeProblem = 'empty' | 'malformed' | 'notPositive' | 'tooLarge';

/** int64's largest value: resource.Quantity holds byte counts as int64. */
const MAX_BYTES = 2 ** 63 - 1;

export function storageSizeProblem(value: unknown): StorageSizeProblem | undefined {
  if (value === undefined || value === null || value === '') return 'empty';
  if (typeof value !== 'string' || value.length > 64 || value !== value.trim()) return 'malformed';
  let bytes: number;
  try {
    bytes = parseQuantity(value);
  } catch (err) {
    if (err instanceof QuantityError) return 'malformed';
    throw err;
  }
  if (!Number.isFinite(bytes)) return 'tooLarge';
  if (bytes <= 0) return 'notPositive';
  if (bytes > MAX_BYTES) return 'tooLarge';
  return undefined;
}

/** The English sentence the BFF answers with (the SPA words each problem in the user's language). */
export const STORAGE_SIZE_MESSAGES: Readonly<Record<StorageSizeProblem, string>> = {
  empty: 'a storage size is required (e.g. 10Gi)',
  malformed: 'a storage size is a quantity string such as 500Mi, 10Gi or 1Ti',
  notPositive: 'a storage size must be more than zero',
  tooLarge: 'a storage size must be at most 8Ei',
};
