/**
 * What an object name or namespace may be, as the API server validates it
 * (k8s.io/apimachinery/pkg/util/validation and api/validation), with the API server's own
 * wording. The console checks every name it puts in an API URL against these before it sends:
 * a name of `..` resolved as a path segment once turned "delete this pod" into "delete this
 * namespace".
 */

/** Most kinds (pods, workloads, jobs, claims, config maps): an RFC 1123 subdomain, at most 253 characters. */
export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';

interface Rule {
  pattern: RegExp;
  regex: string;
  maxLength: number;
  message: string;
  examples: string[];
}

const RULES: Record<NameRule, Rule> = {
  dns1123Subdomain: {
    pattern: new RegExp(`^${SUBDOMAIN}$`),
    regex: SUBDOMAIN,
    maxLength: 253,
    message: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    examples: ['example.com'],
  },
  dns1123Label: {
    pattern: new RegExp(`^${LABEL}$`),
    regex: LABEL,
    maxLength: 63,
    message: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    examples: ['my-name', '123-abc'],
  },
  dns1035Label: {
    pattern: new RegExp(`^${DNS1035}$`),
    regex: DNS1035,
    maxLength: 63,
    message: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
    examples: ['my-name', 'abc-123'],
  },
};

/** A value for a message: quoted Go-style, cut at 80 characters so a 300-character name stays readable. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** The API server's path-segment rule (IsValidPathSegmentName): these never reach a URL, whatever the kind. */
export function pathSegmentProblems(value: string): string[] {
  const problems: string[] = [];
  if (value === '.' || value === '..') problems.push(`may not be '${value}'`);
  if (value.includes('/')) problems.push("may not contain '/'");
  if (value.includes('%')) problems.push("may not contain '%'");
  return problems;
}

/** Why `value` is not a valid name under `rule` (the API server's messages), or [] when it is. */
export function nameProblems(rule: NameRule, value: string): string[] {
  if (value === '') return ['Required value: name or generateName is required'];
  const segment = pathSegmentProblems(value);
  if (segment.length) return segment;
  const r = RULES[rule];
  const problems: string[] = [];
  if (value.length > r.maxLength) problems.push(`must be no more than ${r.maxLength} characters`);
  if (!r.pattern.test(value)) {
    const examples = r.examples.map((e) => `'${e}'`).join(' or ');
    problems.push(`${r.message} (e.g. ${examples}, regex used for validation is '${r.regex}')`);
  }
  return problems;
}

/** `metadata.name: Invalid value: "x": …`, as the API server words an Invalid name; undefined when valid. */
export function invalidNameMessage(field: string, rule: NameRule, value: string): string | undefined {
  const problems = nameProblems(rule, value);
  if (!problems.length) return undefined;
  if (value === '') return `${field}: ${problems[0]}`;
  return `${field}: Invalid value: ${quoted(value)}: ${problems.join(', ')}`;
}
