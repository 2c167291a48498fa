/**
 * `tr`: translate, delete (-d) and squeeze (-s) characters, with ranges, escapes and
 * [:classes:], reading stdin only, as busybox tr does.
 */
import type { Command } from '../interpreter.ts';

const TR_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!-/:-@[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** The characters of a tr set: escapes, ranges (a-z) and classes ([:upper:]). */
export function expandTrSet(set: string): string[] {
  const withClasses = set.replace(/\[:(\w+):\]/g, (m, cls: string) => TR_CLASSES[cls] ?? m);
  const chars: string[] = [];
  const src = [...withClasses];
  const take = (i: number): { ch: string; next: number } => {
    if (src[i] !== '\\' || i + 1 >= src.length) return { ch: src[i], next: i + 1 };
    const n = src[i + 1];
    const octal = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4).join(''));
    if (octal) return { ch: String.fromCharCode(parseInt(octal[0], 8)), next: i + 1 + octal[0].length };
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    return { ch: map[n] ?? n, next: i + 2 };
  };
  for (let i = 0; i < src.length; ) {
    const a = take(i);
    if (src[a.next] === '-' && a.next + 1 < src.length) {
      const b = take(a.next + 1);
      for (let c = a.ch.codePointAt(0) as number; c <= (b.ch.codePointAt(0) as number); c++) chars.push(String.fromCodePoint(c));
      i = b.next;
    } else {
      chars.push(a.ch);
      i = a.next;
    }
  }
  return chars;
}

export const tr: Command = async (ctx) => {
  let del = false;
  let squeeze = false;
  let complement = false;
  const sets: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[dscC]+$/.test(a)) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
      complement ||= /[cC]/.test(a);
    } else sets.push(a);
  }
  if (sets.length === 0 || (!del && !squeeze && sets.length < 2)) {
    await ctx.stderr.write(sets.length === 0 ? 'tr: missing operand\n' : `tr: missing operand after '${sets[0]}'\n`);
    return 1;
  }
  const set1 = new Set(expandTrSet(sets[0]));
  const inSet1 = (ch: string) => set1.has(ch) !== complement;
  const to = sets[1] !== undefined ? expandTrSet(sets[1]) : [];
  const from = [...set1];
  const text = await ctx.stdin.readAll(ctx.signal);
  let out = '';
  let prev: string | undefined;
  // -s squeezes the characters of the last set given.
  const toSet = new Set(to);
  const squeezes = (c: string) => (sets[1] !== undefined ? toSet.has(c) : inSet1(c));
  for (const ch of text) {
    let c: string | undefined = ch;
    if (del) {
      if (inSet1(ch)) c = undefined;
    } else if (to.length && inSet1(ch)) {
      c = complement ? to[to.length - 1] : to[Math.min(from.indexOf(ch), to.length - 1)];
    }
    if (c === undefined) continue;
    if (squeeze && c === prev && squeezes(c)) continue;
    out += c;
    prev = c;
  }
  await ctx.stdout.write(out);
  return 0;
};
