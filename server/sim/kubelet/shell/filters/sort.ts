/**
 * `sort`: lines in byte order, or by -n, -r, -u, -k keys and -t separators, as busybox sort does.
 */
import type { Command } from '../interpreter.ts';
import { inputs, lines } from '../textCommands.ts';

interface SortKey {
  start: number;
  end?: number;
  numeric: boolean;
  reverse: boolean;
}

/** Field `n` (1-based) to field `end` of a line, split on `sep` or on blank-to-nonblank transitions. */
function keyOf(line: string, key: SortKey, sep: string | undefined): string {
  let fields: string[];
  if (sep !== undefined) fields = line.split(sep);
  else fields = line.match(/\s*\S+/g) ?? [];
  const from = key.start - 1;
  const to = key.end ?? fields.length;
  return fields.slice(from, to).join(sep ?? '');
}

function numericPrefix(s: string): number {
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)/.exec(s);
  return m ? Number(m[0]) : 0;
}

export const sort: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const keys: SortKey[] = [];
  let numeric = false;
  let reverse = false;
  let unique = false;
  let fold = false;
  let sep: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-k' || (a.startsWith('-k') && a.length > 2)) {
      const spec = a === '-k' ? (args[++i] ?? '') : a.slice(2);
      const m = /^(\d+)(?:\.\d+)?([a-z]*)(?:,(\d+)(?:\.\d+)?([a-z]*))?$/.exec(spec);
      if (!m) {
        await ctx.stderr.write(`sort: invalid number at field start: invalid count at start of '${spec}'\n`);
        return 2;
      }
      const mods = (m[2] ?? '') + (m[4] ?? '');
      keys.push({ start: Number(m[1]), end: m[3] ? Number(m[3]) : undefined, numeric: mods.includes('n'), reverse: mods.includes('r') });
    } else if (a === '-t' || (a.startsWith('-t') && a.length > 2)) sep = a === '-t' ? args[++i] : a.slice(2);
    else if (/^-[nrufbs]+$/.test(a)) {
      numeric ||= a.includes('n');
      reverse ||= a.includes('r');
      unique ||= a.includes('u');
      fold ||= a.includes('f');
    } else files.push(a);
  }
  const got = await inputs(ctx, files);
  if (typeof got === 'number') return 2;
  const all = got.flatMap((g) => lines(g.text));
  const cmpText = (x: string, y: string) => {
    const a = fold ? x.toUpperCase() : x;
    const b = fold ? y.toUpperCase() : y;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const compareKeys = (x: string, y: string): number => {
    const ks = keys.length ? keys : [{ start: 1, numeric, reverse: false } as SortKey];
    for (const k of ks) {
      const a = keys.length ? keyOf(x, k, sep) : x;
      const b = keys.length ? keyOf(y, k, sep) : y;
      const num = k.numeric || numeric;
      const c = num ? numericPrefix(a) - numericPrefix(b) || 0 : cmpText(a, b);
      if (c !== 0) return k.reverse ? -c : c;
    }
    return 0;
  };
  const sorted = [...all].sort((x, y) => {
    const c = compareKeys(x, y) || (unique ? 0 : cmpText(x, y));
    return reverse ? -c : c;
  });
  const out = unique ? sorted.filter((l, i) => i === 0 || compareKeys(sorted[i - 1], l) !== 0) : sorted;
  await ctx.stdout.write(out.map((l) => l + '\n').join(''));
  return 0;
};
