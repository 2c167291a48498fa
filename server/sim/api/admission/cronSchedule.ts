/**
 * Validation-only reading of a CronJob schedule, worded as robfig/cron's ParseStandard errors
 * (the parser kube-apiserver validates with). The controllers' own cron evaluator lives with H3.
 */
interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function parseInt10(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s);
}

function value(s: string, b: Bounds): number | string {
  const named = b.names?.[s.toLowerCase()];
  return named ?? parseInt10(s);
}

function checkRange(expr: string, b: Bounds): string | undefined {
  const steps = expr.split('/');
  if (steps.length > 2) return `too many slashes: ${expr}`;
  const ranges = steps[0].split('-');
  if (ranges.length > 2) return `too many hyphens: ${expr}`;
  let start: number;
  let end: number;
  if (ranges[0] === '*' || ranges[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = value(ranges[0], b);
    if (typeof s === 'string') return s;
    start = s;
    end = s;
    if (ranges.length === 2) {
      const e = value(ranges[1], b);
      if (typeof e === 'string') return e;
      end = e;
    }
  }
  if (steps.length === 2) {
    const step = parseInt10(steps[1]);
    if (typeof step === 'string') return step;
    if (step <= 0) return `step of range should be a positive number: ${expr}`;
    if (ranges.length === 1 && ranges[0] !== '*' && ranges[0] !== '?') end = b.max;
  }
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

/** The parse error for `schedule`, or undefined when the schedule is valid. */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    spec = space < 0 ? '' : spec.slice(space + 1).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ')) return /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))*$/.test(spec.slice(7).trim()) ? undefined : `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(spec.slice(7).trim())}`;
    return `unrecognized descriptor: ${spec}`;
  }
  if (!spec) return 'empty spec string';
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const err = checkRange(part, FIELDS[i]);
      if (err) return err;
    }
  }
  return undefined;
}
