/**
 * The one cron parser: CronJob schedules as robfig/cron v3 ParseStandard reads them — five fields
 * or a descriptor (@hourly, @daily, @every 90m, ...) and an optional `TZ=`/`CRON_TZ=` prefix —
 * with its error wording. kube-apiserver validates with that library and the CronJob controller
 * evaluates with it, so the demo cluster's admission and controller and the console's CronJob
 * pages (next runs, missed-schedule warnings, the schedule editor) share this file.
 * `spec.timeZone` gives the wall clock the fields are matched in.
 */
export interface CronSchedule {
  /** The first activation strictly after `t`. */
  next(t: Date): Date;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTH_NAMES };
const DOW: Bounds = { min: 0, max: 6, names: DOW_NAMES };

/** Descriptors are case-sensitive in robfig/cron. */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A field's allowed values, and whether it was written as `*` or `?` (matters for day matching). */
interface Field {
  values: Set<number>;
  star: boolean;
}

/** strconv.Atoi plus robfig's refusal of negatives. */
function parseInt10(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function parseValue(s: string, b: Bounds): number {
  return b.names?.[s.toLowerCase()] ?? parseInt10(s);
}

/** One comma-separated part, checked in robfig's order (hyphens, slashes, bounds, step). */
function parseRange(part: string, b: Bounds): { start: number; end: number; step: number; star: boolean } {
  const rangeAndStep = part.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseValue(lowAndHigh[0], b);
    if (lowAndHigh.length > 2) throw new Error(`too many hyphens: ${part}`);
    end = lowAndHigh.length === 2 ? parseValue(lowAndHigh[1], b) : start;
  }
  if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${part}`);
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${part}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${part}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${part}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${part}`);
  return { start, end, step, star };
}

function parseField(expr: string, b: Bounds): Field {
  const values = new Set<number>();
  let star = false;
  // strings.FieldsFunc: empty parts ("1,,2") are skipped, not errors.
  for (const part of expr.split(',').filter(Boolean)) {
    const r = parseRange(part, b);
    for (let v = r.start; v <= r.end; v += r.step) values.add(v);
    star ||= r.star;
  }
  return { values, star };
}

/** Go's time.ParseDuration for the units a schedule uses. */
export function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * units[m[2]];
    matched = re.lastIndex;
  }
  if (!s || matched !== s.length) throw new Error(`time: invalid duration ${JSON.stringify(s)}`);
  return total;
}

/** Parse a schedule. `timeZone` is `spec.timeZone`; a `TZ=` prefix in the schedule wins over UTC. */
export function parseCronSchedule(schedule: string, timeZone?: string): CronSchedule {
  let spec = schedule.trim();
  if (!spec) throw new Error('empty spec string');
  let zone = timeZone || 'UTC';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (!isValidTimeZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
  if (spec.startsWith('@every ')) {
    let ms: number;
    try {
      ms = parseGoDuration(spec.slice('@every '.length));
    } catch (err) {
      throw new Error(`failed to parse duration ${spec}: ${(err as Error).message}`, { cause: err });
    }
    const delay = Math.max(1000, Math.round(ms / 1000) * 1000);
    return { next: (t) => new Date(Math.floor(t.getTime() / 1000) * 1000 + delay) };
  }
  if (spec.startsWith('@')) {
    const expanded = DESCRIPTORS[spec];
    if (!expanded) throw new Error(`unrecognized descriptor: ${spec}`);
    spec = expanded;
  }
  const fields = spec ? spec.split(/\s+/) : [];
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = [parseField(fields[0], MINUTE), parseField(fields[1], HOUR), parseField(fields[2], DOM), parseField(fields[3], MONTH), parseField(fields[4], DOW)];
  return { next: (t) => nextInZone(t, zone, { minute, hour, dom, month, dow }) };
}

/** Why kube-apiserver would refuse `schedule` (robfig/cron's message), or undefined when it parses. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    parseCronSchedule(schedule);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

interface Fields {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

/** Day-of-month and day-of-week are ANDed when either is `*`, ORed otherwise (cron's historic rule). */
function dayMatches(f: Fields, wall: Date): boolean {
  const domMatch = f.dom.values.has(wall.getUTCDate());
  const dowMatch = f.dow.values.has(wall.getUTCDay());
  if (f.dom.star || f.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

const FIVE_YEARS_MS = 5 * 366 * 24 * 3_600_000;

/** Search wall-clock time in `zone` (kept in a UTC Date so field arithmetic ignores DST), then map back to an instant. */
function nextInZone(t: Date, zone: string, f: Fields): Date {
  const start = toWall(t, zone);
  const wall = new Date(Math.floor(start.getTime() / 60_000) * 60_000 + 60_000);
  const limit = wall.getTime() + FIVE_YEARS_MS;
  while (wall.getTime() < limit) {
    if (!f.month.values.has(wall.getUTCMonth() + 1)) {
      wall.setUTCMonth(wall.getUTCMonth() + 1, 1);
      wall.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(f, wall)) {
      wall.setUTCDate(wall.getUTCDate() + 1);
      wall.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!f.hour.values.has(wall.getUTCHours())) {
      wall.setUTCHours(wall.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!f.minute.values.has(wall.getUTCMinutes())) {
      wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    const instant = fromWall(wall, zone);
    // A wall time skipped by a DST jump does not exist: keep looking.
    if (instant.getTime() > t.getTime() && toWall(instant, zone).getTime() === wall.getTime()) return instant;
    wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0);
  }
  // An impossible schedule (30 February): the real library returns the zero time.
  return new Date(0);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err; // Intl's answer to an unknown zone
    return false;
  }
}

/** The wall-clock reading in `zone` at instant `t`, as a UTC Date. */
export function toWall(t: Date, zone: string): Date {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

/** The UTC offset of `zone` at instant `t`, in minutes. */
export function zoneOffsetMinutes(t: Date, zone: string): number {
  return Math.round((toWall(t, zone).getTime() - Math.floor(t.getTime() / 1000) * 1000) / 60_000);
}

function fromWall(wall: Date, zone: string): Date {
  let guess = wall.getTime();
  for (let i = 0; i < 3; i++) guess = wall.getTime() - zoneOffsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}

/** RFC3339 in `zone`, as Go's time.Format(time.RFC3339) prints t.In(zone). */
export function formatInZone(t: Date, zone: string): string {
  const off = zoneOffsetMinutes(t, zone);
  const wall = toWall(t, zone).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${wall}Z`;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** How many runs the CronJob pages preview; a caller asking more gets at most this many. */
export const MAX_PREVIEW_RUNS = 20;

/**
 * The next `n` activations strictly after `from`, with the same parser and time-zone rule the
 * controller uses (so a page's preview and the Jobs the controller creates never disagree).
 * Stops early for a schedule that never fires (30 February), which robfig/cron answers with the
 * zero time.
 */
export function nextRuns(schedule: string, from: Date, n: number, timeZone?: string): Date[] {
  const sched = parseCronSchedule(schedule, timeZone);
  const runs: Date[] = [];
  let t = from;
  for (let i = 0; i < Math.min(n, MAX_PREVIEW_RUNS); i++) {
    t = sched.next(t);
    if (t.getTime() === 0) break;
    runs.push(t);
  }
  return runs;
}

/** Where the CronJob controller stands between its last start and now. */
export interface ScheduleCatchUp {
  /** The latest activation in (earliest, now], the one the controller would start now. */
  mostRecent?: Date;
  /** The first activation after `earliest`, if it is due (≤ now). */
  firstDue?: Date;
  /** Activations in (earliest, now], as the controller estimates them. */
  missed: number;
  /** More than 100 missed: the controller's "too many missed start times". */
  tooMany: boolean;
}

/**
 * kube-controller-manager's `mostRecentScheduleTime` (pkg/controller/cronjob/utils.go, the v2
 * controller): `earliest` is status.lastScheduleTime (else the creation time), moved up to
 * now - startingDeadlineSeconds when that is later; the activations after it that are due
 * were missed. Like the real one it estimates the count from the interval between the first
 * two activations instead of walking every one, and above 100 it reports "too many".
 */
export function scheduleCatchUp(sched: CronSchedule, earliest: Date, now: Date): ScheduleCatchUp {
  const t1 = sched.next(earliest);
  if (t1.getTime() === 0 || now < t1) return { missed: 0, tooMany: false };
  const t2 = sched.next(t1);
  if (now < t2) return { mostRecent: t1, firstDue: t1, missed: 1, tooMany: false };
  const between = Math.round((t2.getTime() - t1.getTime()) / 1000);
  if (between < 1) return { missed: 0, tooMany: false };
  const missed = Math.floor((now.getTime() - t1.getTime()) / 1000 / between) + 1;
  let t = sched.next(new Date(t1.getTime() + (missed - 2) * between * 1000));
  let recent: Date | undefined;
  for (; t.getTime() !== 0 && t <= now; t = sched.next(t)) recent = t;
  return { mostRecent: recent, firstDue: t1, missed, tooMany: missed > 100 };
}

/** The `earliest` of scheduleCatchUp for a CronJob's fields. */
export function catchUpStart(lastScheduleTime: string | undefined, creationTimestamp: string | undefined, startingDeadlineSeconds: number | undefined | null, now: Date): Date {
  let earliest = new Date(lastScheduleTime ?? creationTimestamp ?? now.toISOString());
  if (startingDeadlineSeconds !== undefined && startingDeadlineSeconds !== null) {
    const limit = new Date(now.getTime() - startingDeadlineSeconds * 1000);
    if (limit > earliest) earliest = limit;
  }
  return earliest;
}
