/**
 * `cut`: fields (-f with -d, -s) or characters/bytes (-c, -b) by list, as busybox cut does.
 */
import type { Command } from '../interpreter.ts';
import { inputs, lines } from '../textCommands.ts';


/** A cut list (`1,3-5,7-`, `-2`) as a membership test on 1-based positions. */
export function cutList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3]) || (m[1] && Number(m[1]) === 0)) return undefined;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let delim = '\t';
  let list: string | undefined;
  let mode: 'f' | 'c' | undefined;
  let onlyDelimited = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const opt = /^-([dfcbs])(.*)$/.exec(a);
    if (!opt) {
      files.push(a);
      continue;
    }
    const [, o, rest] = opt;
    if (o === 's') {
      onlyDelimited = true;
      continue;
    }
    const value = rest || args[++i];
    if (value === undefined) {
      await ctx.stderr.write(`cut: option requires an argument -- '${o}'\n`);
      return 1;
    }
    if (o === 'd') delim = value;
    else {
      mode = o === 'f' ? 'f' : 'c';
      list = value;
    }
  }
  const selectedPos = list ? cutList(list) : undefined;
  if (!mode || !selectedPos) {
    await ctx.stderr.write(mode ? `cut: invalid field value '${list}'\n` : 'cut: you must specify a list of bytes, characters, or fields\n');
    return 1;
  }
  if (delim.length !== 1) {
    await ctx.stderr.write('cut: the delimiter must be a single character\n');
    return 1;
  }
  const got = await inputs(ctx, files);
  if (typeof got === 'number') return 1;
  let out = '';
  for (const g of got) {
    for (const line of lines(g.text)) {
      if (mode === 'c') {
        out += [...line].filter((_c, i) => selectedPos(i + 1)).join('') + '\n';
        continue;
      }
      if (!line.includes(delim)) {
        if (!onlyDelimited) out += line + '\n';
        continue;
      }
      out += line.split(delim).filter((_f, i) => selectedPos(i + 1)).join(delim) + '\n';
    }
  }
  await ctx.stdout.write(out);
  return 0;
};
