/**
 * `awk`: a subset of POSIX awk, written here because npm has no maintained awk of its own
 * (the one JavaScript awk in wide use lives inside a whole separate simulated shell with its
 * own filesystem). What it runs: `-F`, `-v`, BEGIN/END, patterns (/re/, expressions,
 * ranges `a,b`), fields `$N`/`$0`/`NF`/`NR`/`FNR`/`FILENAME`/`FS`/`OFS`/`ORS`, assignment to
 * fields, variables and associative arrays, `print` and `printf` (also `> file`), if/else,
 * while, do, for, for-in, next, exit, delete, arithmetic with `^`, string concatenation,
 * comparison (numeric when both sides look numeric), `~ !~`, `in`, `?:`, and the built-ins
 * length, substr, index, split, sub, gsub, match, sprintf, toupper, tolower, int, sqrt, exp,
 * log, sin, cos, atan2, rand, srand, system (no), getline (no), user functions (no).
 * The lexer, parser and interpreter live beside this file; this one is the command line.
 */
import type { Command } from '../interpreter.ts';
import { VfsError } from '../vfs.ts';
import { AwkProgram } from './interpreter.ts';
import { AwkSyntaxError } from './lexer.ts';
import { parseAwk } from './parser.ts';
import { AwkRuntimeError, strnum } from './values.ts';
import type { Rule } from './ast.ts';

/** Operands of awk: `var=value` assignments run when reached, the rest are files. */
const awk: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let program: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-F') fs = args[++i];
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[++i] ?? '');
      if (!m) {
        await ctx.stderr.write(`awk: invalid -v argument\n`);
        return 2;
      }
      assigns.push([m[1], m[2]]);
    } else if (a === '-f') {
      try {
        program = ctx.shell.host.vfs.readFile(ctx.shell.resolvePath(args[++i] ?? ''));
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        await ctx.stderr.write(`awk: can't open file ${args[i]}\n`);
        return 2;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      await ctx.stderr.write(`awk: unrecognized option '${a}'\n`);
      return 2;
    } else break;
  }
  if (program === undefined) program = args[i++];
  if (program === undefined) {
    await ctx.stderr.write('Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n');
    return 2;
  }
  let rules: Rule[];
  try {
    rules = parseAwk(program);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError || e instanceof SyntaxError)) throw e;
    await ctx.stderr.write(`awk: cmd. line:1: ${e.message}\n`);
    return 2;
  }
  const vfs = ctx.shell.host.vfs;
  const prog = new AwkProgram(rules, {
    write: (text) => ctx.stdout.write(text),
    writeFile: (path, text, append) => vfs.writeFile(ctx.shell.resolvePath(path), text, { append }),
  });
  const unescape = (s: string) => s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', '\\': '\\' })[c] ?? c);
  if (fs !== undefined) prog.vars.set('FS', fs === 't' ? '\t' : unescape(fs));
  for (const [k, v] of assigns) prog.vars.set(k, strnum(unescape(v)));
  const operands = args.slice(i);
  try {
    let code = await prog.begin();
    if (code === undefined && (prog.hasMainRules || prog.hasEnd)) {
      const files = operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o));
      const sources = files.length ? operands : [...operands, '-'];
      outer: for (const src of sources) {
        const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(src);
        if (assign) {
          prog.vars.set(assign[1], strnum(unescape(assign[2])));
          continue;
        }
        let text: string;
        if (src === '-') text = await ctx.stdin.readAll(ctx.signal);
        else {
          try {
            text = vfs.readFile(ctx.shell.resolvePath(src));
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            await ctx.stderr.write(`awk: cannot open "${src}" (${e.reason})\n`);
            code = 2;
            continue;
          }
        }
        prog.vars.set('FILENAME', src === '-' ? '' : src);
        prog.vars.set('FNR', 0);
        const recs = text.split('\n');
        if (recs[recs.length - 1] === '') recs.pop();
        for (const rec of recs) {
          if (ctx.signal.aborted) return 130;
          const c = await prog.line(rec);
          if (c !== undefined) {
            code = c;
            break outer;
          }
        }
      }
    }
    // `exit` in a main rule still runs END, as POSIX says.
    const endCode = await prog.end();
    return endCode ?? code ?? 0;
  } catch (e) {
    if (e instanceof AwkRuntimeError || e instanceof AwkSyntaxError || e instanceof SyntaxError) {
      await ctx.stderr.write(`awk: cmd. line:1: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

export const AWK_COMMANDS: Record<string, Command> = { awk };
