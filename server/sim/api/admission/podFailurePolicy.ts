import type { FieldErrors } from './fieldErrors.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

/** Go's %q of a []string: `["a" "b"]`. */
const quotedList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;
/** Go's %#v of a []int32. */
const int32Slice = (xs: unknown[]) => `[]int32{${xs.join(', ')}}`;

/** field.Invalid with field.OmitValueType{}: the detail without a value. */
function invalidOmitValue(errs: FieldErrors, field: string, detail: string): void {
  errs.causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${detail}` });
}

function tooMany(errs: FieldErrors, field: string, n: number, max: number): void {
  errs.causes.push({ reason: 'FieldValueTooMany', field, message: `Too many: ${n}: must have at most ${max} items` });
}

/**
 * validatePodFailurePolicy and validatePodReplacementPolicy (pkg/apis/batch/validation) for a
 * Job spec (or a CronJob's job template) at `path`; the restartPolicy rule is the caller's.
 */
export function validatePodFailurePolicy(errs: FieldErrors, spec: Json, path: string): void {
  const policy = spec.podFailurePolicy;
  if (policy != null) {
    const rules: Json[] = Array.isArray(policy.rules) ? policy.rules : [];
    const rulesPath = `${path}.podFailurePolicy.rules`;
    if (rules.length > MAX_RULES) tooMany(errs, rulesPath, rules.length, MAX_RULES);
    const podSpec = spec.template?.spec ?? {};
    const names = new Set<string>([...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])].map((c: Json) => c?.name));
    rules.forEach((rule, i) => validateRule(errs, spec, rule ?? {}, `${rulesPath}[${i}]`, names));
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement != null) {
    if (policy != null) {
      if (replacement !== 'Failed') errs.notSupported(`${path}.podReplacementPolicy`, replacement, ['Failed']);
    } else if (!['Failed', 'TerminatingOrFailed'].includes(replacement)) {
      errs.notSupported(`${path}.podReplacementPolicy`, replacement, ['Failed', 'TerminatingOrFailed']);
    }
  }
}

function validateRule(errs: FieldErrors, spec: Json, rule: Json, rulePath: string, containerNames: ReadonlySet<string>): void {
  const actionPath = `${rulePath}.action`;
  if (!rule.action) errs.required(actionPath, `valid values: ${quotedList(ACTIONS)}`);
  else if (rule.action === 'FailIndex') {
    if (spec.backoffLimitPerIndex == null) errs.invalid(actionPath, rule.action, 'requires the backoffLimitPerIndex to be set');
  } else if (!ACTIONS.includes(rule.action)) errs.notSupported(actionPath, rule.action, ACTIONS);

  const onExitCodes: Json | undefined = rule.onExitCodes ?? undefined;
  const onPodConditions: Json[] = Array.isArray(rule.onPodConditions) ? rule.onPodConditions : [];
  if (onExitCodes) validateOnExitCodes(errs, onExitCodes, `${rulePath}.onExitCodes`, containerNames);
  if (onPodConditions.length) validateOnPodConditions(errs, onPodConditions, `${rulePath}.onPodConditions`);
  if (onExitCodes && onPodConditions.length) invalidOmitValue(errs, rulePath, 'specifying both OnExitCodes and OnPodConditions is not supported');
  if (!onExitCodes && !onPodConditions.length) invalidOmitValue(errs, rulePath, 'specifying one of OnExitCodes and OnPodConditions is required');
}

function validateOnExitCodes(errs: FieldErrors, req: Json, path: string, containerNames: ReadonlySet<string>): void {
  if (!req.operator) errs.required(`${path}.operator`, `valid values: ${quotedList(OPERATORS)}`);
  else if (!OPERATORS.includes(req.operator)) errs.notSupported(`${path}.operator`, req.operator, OPERATORS);
  if (req.containerName != null && !containerNames.has(req.containerName)) {
    errs.invalid(`${path}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template');
  }
  const values: unknown[] = Array.isArray(req.values) ? req.values : [];
  const valuesPath = `${path}.values`;
  if (!values.length) errs.invalid(valuesPath, values, 'at least one value is required', int32Slice(values));
  else if (values.length > MAX_EXIT_CODES) tooMany(errs, valuesPath, values.length, MAX_EXIT_CODES);
  const seen = new Set<unknown>();
  let ordered = true;
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0) errs.invalid(`${valuesPath}[${j}]`, v, 'must not be 0 for the In operator');
    if (seen.has(v)) errs.duplicate(`${valuesPath}[${j}]`, v);
    else seen.add(v);
    if (j > 0 && (values[j - 1] as number) > (v as number)) ordered = false;
  });
  if (!ordered) errs.invalid(valuesPath, values, 'must be ordered', int32Slice(values));
}

function validateOnPodConditions(errs: FieldErrors, patterns: Json[], path: string): void {
  if (patterns.length > MAX_CONDITION_PATTERNS) tooMany(errs, path, patterns.length, MAX_CONDITION_PATTERNS);
  patterns.forEach((p, j) => {
    const statusPath = `${path}[${j}].status`;
    // ValidateQualifiedName's first word on an empty type.
    if (!p?.type) errs.invalid(`${path}[${j}].type`, '', 'name part must be non-empty');
    if (!p?.status) errs.required(statusPath, `valid values: ${quotedList(CONDITION_STATUSES)}`);
    else if (!CONDITION_STATUSES.includes(p.status)) errs.notSupported(statusPath, p.status, CONDITION_STATUSES);
  });
}
