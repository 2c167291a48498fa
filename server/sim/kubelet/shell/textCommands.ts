/** Text filters: head, tail, wc, grep, base64. They read files, or stdin when given none. */
import { hasGnuUserland } from '../images.ts';
import type { Command, CommandContext } from './interpreter.ts';
import { flagsAndOperands } from './fileCommands.ts';
import { posixToJs } from './regex.ts';
import { VfsError } from './vfs.ts';

/** The inputs of a filter: named files, or stdin. Missing files are reported and skipped. */
export async function inputs(ctx: CommandContext, operands: string[]): Promise<{ name: string; text: string; bytes: number }[] | number> {
  if (operands.length === 0) {
    const bytes = await ctx.stdin.readAllBytes(ctx.signal);
    return [{ name: '', text: bytes.toString('utf8'), bytes: bytes.length }];
  }
  const out: { name: string; text: string; bytes: number }[] = [];
  for (const f of operands) {
    try {
      const bytes = ctx.shell.host.vfs.readBytes(ctx.shell.resolvePath(f));
      out.push({ name: f, text: bytes.toString('utf8'), bytes: bytes.length });
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await ctx.stderr.write(`${ctx.argv[0]}: ${f}: ${e.reason}\n`);
    }
  }
  return out.length ? out : 1;
}

export function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** `-n N`, `-nN` or `-N`. */
function countOption(args: string[], fallback: number): { count: number; rest: string[] } {
  const rest: string[] = [];
  let count = fallback;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' && args[i + 1] !== undefined) count = Number(args[++i].replace(/^\+/, ''));
    else if (/^-n\d+$/.test(a)) count = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) count = Number(a.slice(1));
    else rest.push(a);
  }
  return { count, rest };
}

const head: Command = async (ctx) => {
  const { count, rest } = countOption(ctx.argv.slice(1), 10);
  if (rest.length === 0) {
    // From a pipe: stop reading once the lines are there, so the writer ends (SIGPIPE).
    let text = '';
    while ((text.match(/\n/g) ?? []).length < count) {
      const chunk = await ctx.stdin.read(ctx.signal);
      if (chunk === null) break;
      text += chunk;
    }
    await ctx.stdout.write(lines(text).slice(0, count).map((l) => l + '\n').join(''));
    return 0;
  }
  const got = await inputs(ctx, rest);
  if (typeof got === 'number') return got;
  for (const f of got) await ctx.stdout.write(lines(f.text).slice(0, count).map((l) => l + '\n').join(''));
  return 0;
};

const tail: Command = async (ctx) => {
  const { count, rest } = countOption(ctx.argv.slice(1), 10);
  const from = tailFrom(ctx.argv.slice(1));
  const got = await inputs(ctx, rest.filter((a) => a !== '-f' && a !== '-F'));
  if (typeof got === 'number') return got;
  for (const f of got) {
    const l = lines(f.text);
    await ctx.stdout.write(l.slice(from !== undefined ? Math.max(0, from - 1) : Math.max(0, l.length - count)).map((x) => x + '\n').join(''));
  }
  return 0;
};

const wc: Command = async (ctx) => {
  const { flags, operands } = flagsAndOperands(ctx.argv.slice(1));
  const got = await inputs(ctx, operands);
  if (typeof got === 'number') return got;
  const only = flags.size > 0;
  for (const f of got) {
    const counts: number[] = [];
    if (!only || flags.has('l')) counts.push((f.text.match(/\n/g) ?? []).length);
    if (!only || flags.has('w')) counts.push(f.text.split(/\s+/).filter(Boolean).length);
    if (!only || flags.has('c')) counts.push(f.bytes);
    const cells = counts.map((c) => (counts.length === 1 && !f.name ? String(c) : String(c).padStart(7)));
    await ctx.stdout.write(cells.join(' ') + (f.name ? ` ${f.name}` : '') + '\n');
  }
  return 0;
};

const grep: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const patterns: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-e' || a === '--regexp') patterns.push(args[++i] ?? '');
    else if (/^-[A-Za-z]+$/.test(a)) {
      for (const [j, f] of [...a.slice(1)].entries()) {
        if (f === 'e') {
          // `-ie PATTERN` or `-ePATTERN`
          patterns.push(j === a.length - 2 ? (args[++i] ?? '') : a.slice(j + 2));
          break;
        }
        flags.add(f);
      }
    } else operands.push(a);
  }
  if (patterns.length === 0 && operands.length) patterns.push(operands.shift() as string);
  if (patterns.length === 0) {
    await ctx.stderr.write('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
    return 2;
  }
  const extended = flags.has('E');
  const sources = patterns.flatMap((p) => p.split('\n')).map((p) => {
    const body = flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(p, extended);
    return flags.has('x') ? `^(?:${body})$` : flags.has('w') ? `(?<![\\w])(?:${body})(?![\\w])` : body;
  });
  let re: RegExp;
  try {
    re = new RegExp(sources.map((src) => `(?:${src})`).join('|'), flags.has('i') ? 'gi' : 'g');
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    await ctx.stderr.write(`grep: ${extended ? 'bad regex' : 'Invalid regular expression'}\n`);
    return 2;
  }
  const got = await inputs(ctx, operands);
  if (typeof got === 'number') return 2;
  const named = flags.has('H') || (got.length > 1 && !flags.has('h'));
  let matched = 0;
  let out = '';
  for (const f of got) {
    let n = 0;
    lines(f.text).forEach((line, i) => {
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === flags.has('v')) return;
      n++;
      if (flags.has('c') || flags.has('q') || flags.has('l')) return;
      const prefix = (named ? `${f.name || '(standard input)'}:` : '') + (flags.has('n') ? `${i + 1}:` : '');
      if (flags.has('o') && !flags.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) out += prefix + m[0] + '\n';
      } else out += prefix + line + '\n';
    });
    if (flags.has('c')) out += (named ? `${f.name || '(standard input)'}:` : '') + `${n}\n`;
    if (flags.has('l') && n > 0) out += `${f.name || '(standard input)'}\n`;
    matched += n;
  }
  if (!flags.has('q')) await ctx.stdout.write(out);
  return matched > 0 ? 0 : 1;
};

/** `tail -n +N`: from line N on. */
const tailFrom = (args: string[]): number | undefined => {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n' && args[i + 1]?.startsWith('+')) return Number(args[i + 1].slice(1));
    if (/^-n\+\d+$/.test(args[i])) return Number(args[i].slice(3));
  }
  return undefined;
};

/**
 * `base64 [-d] [-w COLS] [FILE]`: encodes the bytes in lines of 76 characters (`-w 0`: one
 * line, no newline), or decodes, skipping newlines, as busybox and GNU do; `kubectl get secret -o
 * jsonpath=... | base64 -d` is the usual use.
 */
const base64: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let decode = false;
  let wrap = 76;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d' || a === '--decode') decode = true;
    else if (a === '-w' || a.startsWith('-w')) {
      const v = a === '-w' ? args[++i] : a.slice(2);
      wrap = Number(v);
      if (!/^\d+$/.test(v ?? '')) {
        await ctx.stderr.write(`base64: invalid number '${v ?? ''}'\n`);
        return 1;
      }
    } else if (a.startsWith('-') && a !== '-') {
      await ctx.stderr.write(`base64: invalid option -- '${a.slice(1, 2)}'\n`);
      return 1;
    } else file = a;
  }
  let data: Buffer;
  if (file === undefined || file === '-') data = await ctx.stdin.readAllBytes(ctx.signal);
  else {
    try {
      data = ctx.shell.host.vfs.readBytes(ctx.shell.resolvePath(file));
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      const gnu = hasGnuUserland(ctx.shell.host.image);
      await ctx.stderr.write(gnu ? `base64: ${file}: ${e.reason}\n` : `base64: can't open '${file}': ${e.reason}\n`);
      return 1;
    }
  }
  if (decode) {
    const text = data.toString('latin1').replace(/[\r\n]/g, '');
    const bad = text.search(/[^A-Za-z0-9+/=]/);
    const valid = bad < 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
    // What comes before the first bad character is written, then the error.
    const good = bad < 0 ? text : text.slice(0, bad);
    await ctx.stdout.write(Buffer.from(good, 'base64'));
    if (valid) return 0;
    await ctx.stderr.write('base64: invalid input\n');
    return 1;
  }
  const encoded = data.toString('base64');
  // `-w 0` writes one line without a newline, as GNU base64 does.
  const rows = wrap === 0 ? encoded : (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []).map((r) => r + '\n').join('');
  await ctx.stdout.write(rows);
  return 0;
};

export const TEXT_COMMANDS: Record<string, Command> = { head, tail, wc, grep, base64 };
