/** Text filters: head, tail, wc, grep. They read files, or stdin when given none. */
import type { Command, CommandContext } from './interpreter.ts';
import { flagsAndOperands } from './fileCommands.ts';
import { VfsError } from './vfs.ts';

/** The inputs of a filter: named files, or stdin. Missing files are reported and skipped. */
async function inputs(ctx: CommandContext, operands: string[]): Promise<{ name: string; text: string; bytes: number }[] | number> {
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

function lines(text: string): string[] {
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
  const got = await inputs(ctx, rest.filter((a) => a !== '-f' && a !== '-F'));
  if (typeof got === 'number') return got;
  for (const f of got) {
    const l = lines(f.text);
    await ctx.stdout.write(l.slice(Math.max(0, l.length - count)).map((x) => x + '\n').join(''));
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
  const { flags, operands } = flagsAndOperands(ctx.argv.slice(1));
  const [pattern, ...files] = operands;
  if (pattern === undefined) {
    await ctx.stderr.write('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
    return 2;
  }
  let re: RegExp;
  try {
    re = new RegExp(flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, flags.has('i') ? 'i' : '');
  } catch (err) {
    // Not a valid pattern: match it literally.
    if (!(err instanceof SyntaxError)) throw err;
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.has('i') ? 'i' : '');
  }
  const got = await inputs(ctx, files);
  if (typeof got === 'number') return 2;
  let matched = 0;
  let out = '';
  for (const f of got) {
    let n = 0;
    lines(f.text).forEach((line, i) => {
      if (re.test(line) === flags.has('v')) return;
      n++;
      if (flags.has('c') || flags.has('q')) return;
      out += (got.length > 1 ? `${f.name}:` : '') + (flags.has('n') ? `${i + 1}:` : '') + line + '\n';
    });
    if (flags.has('c')) out += (got.length > 1 ? `${f.name}:` : '') + `${n}\n`;
    matched += n;
  }
  if (!flags.has('q')) await ctx.stdout.write(out);
  return matched > 0 ? 0 : 1;
};

export const TEXT_COMMANDS: Record<string, Command> = { head, tail, wc, grep };
