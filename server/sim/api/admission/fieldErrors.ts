import { invalid, type ApiError } from '../../../kube/status.ts';

/** One field.Error, worded as apimachinery's ErrorBody. */
export interface FieldCause {
  reason: string;
  field: string;
  message: string;
}

/** Go's %q for strings, %v for numbers and booleans, %#v-like for maps and string slices. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return JSON.stringify(v);
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => typeof x === 'string')) return stringMap(v as Record<string, string>);
    return JSON.stringify(v);
  }
  return String(v);
}

/** `map[string]string{"app":"web"}`; Go prints map keys sorted. */
export function stringMap(m: Record<string, string> | undefined): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** Collects field errors; `throwIfAny` turns them into the 422 Invalid Status the real server returns. */
export class FieldErrors {
  readonly causes: FieldCause[] = [];

  invalid(field: string, value: unknown, detail: string, shownValue?: string): void {
    this.causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${shownValue ?? goValue(value)}: ${detail}` });
  }

  /** ValidateNonnegativeField (IsNegativeErrorMsg); a value that is not a whole number is refused too, as the decoder would. */
  nonNegative(field: string, v: unknown): void {
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) this.invalid(field, v, 'must be greater than or equal to 0');
  }

  required(field: string, detail = ''): void {
    this.causes.push({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });
  }

  forbidden(field: string, detail: string): void {
    this.causes.push({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` });
  }

  notSupported(field: string, value: unknown, supported: string[]): void {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    this.causes.push({ reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${goValue(value)}: supported values: ${list}` });
  }

  duplicate(field: string, value: unknown): void {
    this.causes.push({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue(value)}` });
  }

  tooLong(field: string, max: number): void {
    this.causes.push({ reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` });
  }

  get empty(): boolean {
    return this.causes.length === 0;
  }

  toError(kind: string, group: string, name: string): ApiError {
    return invalid(kind, group, name, this.causes);
  }
}
