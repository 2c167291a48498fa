/**
 * Integer fields as the API server types them. Kubernetes' JSON decoder refuses a number that
 * does not fit the Go field (`replicas: 1e308` or 2147483648 into an int32, 1.5 into any
 * integer) and a value of another JSON type; validation then refuses negatives where the field
 * must not be. The console checks the same before it sends: an unbounded `replicas` once had
 * the demo cluster create 79,000 pods.
 */
export type IntegerType = 'int32' | 'int64';

const RANGE: Record<IntegerType, { min: number; max: number }> = {
  int32: { min: -2147483648, max: 2147483647 },
  // JSON numbers past 2^53 are not exact in JavaScript; no Kubernetes count comes near.
  int64: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

export interface IntegerRule {
  type: IntegerType;
  /** Validation's lower bound, e.g. 0 for replicas ("must be greater than or equal to 0"). */
  min?: number;
}

/** Why `value` cannot be `field` (decoder first, then validation, in the API server's words), or undefined. */
export function integerProblem(field: string, value: unknown, rule: IntegerRule): string | undefined {
  if (typeof value !== 'number') return `${field}: cannot unmarshal ${jsonType(value)} into a field of type ${rule.type}`;
  const range = RANGE[rule.type];
  if (!Number.isInteger(value) || value < range.min || value > range.max) return `${field}: cannot unmarshal number ${value} into a field of type ${rule.type}`;
  if (rule.min !== undefined && value < rule.min) return `${field}: Invalid value: ${value}: must be greater than or equal to ${rule.min}`;
  return undefined;
}
