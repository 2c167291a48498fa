import type { FieldErrors } from './fieldErrors.ts';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

/** validation.RegexError: the message plus examples and the regex, exactly as apimachinery words it. */
function regexError(msg: string, regex: string, examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${regex}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${regex}')`;
}

const full = (re: string) => new RegExp(`^${re}$`);

/** IsDNS1123Subdomain: the messages (empty when valid). */
export function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!full(DNS1123_SUBDOMAIN).test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, ['example.com']));
  }
  return errs;
}

export function dns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!full(DNS1123_LABEL).test(value)) {
    errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, ['my-name', '123-abc']));
  }
  return errs;
}

export function dns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!full(DNS1035_LABEL).test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, ['my-name', 'abc-123']));
  }
  return errs;
}

/** ValidatePathSegmentName: RBAC names (`system:basic-user`) only need to be a URL path segment. */
export function pathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (value.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'pathSegment';

const RULES: Record<NameRule, (v: string) => string[]> = { subdomain: dns1123Subdomain, label: dns1123Label, dns1035: dns1035Label, pathSegment: pathSegmentName };

/** Validate a name (or generateName prefix, whose trailing '-' is allowed) into `errs`. */
export function validateName(errs: FieldErrors, field: string, value: string, rule: NameRule, prefix = false): void {
  const checked = prefix && value.endsWith('-') ? value.slice(0, -1) : value;
  for (const msg of RULES[rule](checked)) errs.invalid(field, value, msg);
}

const CONFIG_KEY = '[-._a-zA-Z0-9]+';

/** IsConfigMapKey: ConfigMap and Secret data keys. */
export function validateConfigKey(errs: FieldErrors, field: string, key: string): void {
  if (key.length > 253) errs.invalid(field, key, 'must be no more than 253 characters');
  if (!full(CONFIG_KEY).test(key)) {
    errs.invalid(field, key, regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY, ['key.name', 'KEY_NAME', 'key-name']));
  } else if (key === '.' || key === '..') {
    errs.invalid(field, key, `must not be '${key}'`);
  } else if (key.startsWith('..')) {
    errs.invalid(field, key, "must not start with '..'");
  }
}

const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';

/** Label keys (qualified names, optional DNS prefix) and values. */
export function validateLabels(errs: FieldErrors, field: string, labels: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const parts = k.split('/');
    const name = parts.length === 2 ? parts[1] : parts[0];
    if (parts.length > 2 || !name || name.length > 63 || !full(QUALIFIED_NAME).test(name) || (parts.length === 2 && dns1123Subdomain(parts[0]).length)) {
      errs.invalid(field, k, regexError("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc']));
    }
    if (typeof v !== 'string' || v.length > 63 || !full(LABEL_VALUE).test(v)) {
      errs.invalid(field, v, regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE, ['MyValue', 'my_value', '12345']));
    }
  }
}
