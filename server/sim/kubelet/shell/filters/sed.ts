/**
 * `sed`: addresses (line, `$`, /re/, ranges), s///g with groups and `&`, d, p, q, a/i/c,
 * -n, -e, -E/-r and -i, on named files or stdin, as busybox sed does.
 */
import type { Command } from '../interpreter.ts';
import { posixRegExp } from '../regex.ts';
import { inputs, lines } from '../textCommands.ts';
import { VfsError } from '../vfs.ts';

type Address = { line: number } | { last: true } | { re: RegExp };

interface SedCommand {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  name: string;
  /** s: the pattern, the replacement and its flags; a/i/c: the text; y: the two sets. */
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  /** Whether this command's range is open (between its two addresses). */
  inRange?: boolean;
}

class SedError extends Error {}

/** Reads `delim`-terminated text from s at i (a backslash escapes the delimiter). */
function delimited(s: string, i: number, delim: string): { text: string; end: number } {
  let text = '';
  for (; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === delim) {
      text += delim;
      i++;
    } else if (s[i] === '\\' && i + 1 < s.length) {
      text += s[i] + s[++i];
    } else if (s[i] === delim) return { text, end: i + 1 };
    else if (s[i] === '\n' && delim !== '\n') throw new SedError('unterminated `s\' command');
    else text += s[i];
  }
  throw new SedError(`unterminated address regex`);
}

export function parseSed(script: string, extended: boolean): SedCommand[] {
  const cmds: SedCommand[] = [];
  let i = 0;
  const skipBlanks = () => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const address = (): Address | undefined => {
    if (/[0-9]/.test(script[i] ?? '')) {
      const m = /^[0-9]+/.exec(script.slice(i)) as RegExpExecArray;
      i += m[0].length;
      return { line: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { last: true };
    }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i] : '/';
      const r = delimited(script, i + 1, delim);
      i = r.end;
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { re: posixRegExp(r.text, { extended, ignoreCase: flags === 'i' }) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    const cmd: SedCommand = { negate: false, name: '' };
    cmd.a1 = address();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = address();
      if (!cmd.a2) throw new SedError('unexpected `,\'');
    }
    skipBlanks();
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
      skipBlanks();
    }
    const name = script[i++];
    if (name === undefined) throw new SedError('missing command');
    cmd.name = name;
    if (name === 's') {
      const delim = script[i];
      const pat = delimited(script, i + 1, delim);
      const rep = delimited(script, pat.end, delim);
      i = rep.end;
      let flags = '';
      while (i < script.length && /[gpIi0-9]/.test(script[i])) flags += script[i++];
      cmd.global = flags.includes('g');
      cmd.print = flags.includes('p');
      const nth = /[0-9]+/.exec(flags);
      cmd.nth = nth ? Number(nth[0]) : undefined;
      cmd.re = posixRegExp(pat.text, { extended, ignoreCase: /[Ii]/.test(flags), global: true });
      cmd.replacement = rep.text;
    } else if (name === 'y') {
      const delim = script[i];
      const a = delimited(script, i + 1, delim);
      const b = delimited(script, a.end, delim);
      i = b.end;
      if ([...a.text].length !== [...b.text].length) throw new SedError("strings for `y' command are different lengths");
      cmd.from = a.text;
      cmd.to = b.text;
    } else if (name === 'a' || name === 'i' || name === 'c') {
      // GNU one-liner form `a text`, and the POSIX `a\` + newline + text.
      if (script[i] === '\\') i++;
      if (script[i] === '\n') i++;
      skipBlanks();
      const nl = script.indexOf('\n', i);
      cmd.text = script.slice(i, nl < 0 ? script.length : nl).replace(/\\(.)/g, '$1');
      i = nl < 0 ? script.length : nl;
    } else if (!'pdq=nN'.includes(name) && name !== '{' && name !== '}') {
      throw new SedError(`unknown command: \`${name}'`);
    }
    if (name !== '{' && name !== '}') cmds.push(cmd);
    skipBlanks();
    if (i < script.length && !/[;\n}]/.test(script[i])) throw new SedError(`extra characters after command`);
  }
  return cmds;
}

/** The replacement of `s`: `&` is the match, `\1`..`\9` the groups, `\n` a newline. */
function substitute(replacement: string, match: string, groups: (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '&') out += match;
    else if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i];
      if (/[1-9]/.test(n)) out += groups[Number(n) - 1] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

function matches(a: Address, line: string, n: number, last: boolean): boolean {
  if ('line' in a) return n === a.line;
  if ('last' in a) return last;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

function selected(cmd: SedCommand, line: string, n: number, last: boolean): boolean {
  let hit: boolean;
  if (!cmd.a1) hit = true;
  else if (!cmd.a2) hit = matches(cmd.a1, line, n, last);
  else if (cmd.inRange) {
    hit = true;
    const end = cmd.a2;
    if ('line' in end ? n >= end.line : matches(end, line, n, last)) cmd.inRange = false;
  } else if (matches(cmd.a1, line, n, last)) {
    hit = true;
    const end = cmd.a2;
    // A line-number end at or before the start closes the range at once.
    cmd.inRange = 'line' in end ? end.line > n : !('last' in end && last);
  } else hit = false;
  return hit !== cmd.negate;
}

/** Runs the script over the lines; returns the output and whether `q` ended it. */
function runSed(cmds: SedCommand[], text: string, quiet: boolean, lineNo: { n: number }): { out: string; quit: boolean } {
  const all = lines(text);
  const trailingNewline = text.endsWith('\n');
  let out = '';
  for (let li = 0; li < all.length; li++) {
    let line = all[li];
    const n = ++lineNo.n;
    const last = li === all.length - 1;
    const eol = last && !trailingNewline ? '' : '\n';
    let deleted = false;
    let quit = false;
    let after = '';
    for (const cmd of cmds) {
      if (!selected(cmd, line, n, last)) continue;
      if (cmd.name === 's' && cmd.re) {
        let count = 0;
        let changed = false;
        line = line.replace(cmd.re, (m: string, ...rest: unknown[]) => {
          count++;
          const groups = rest.slice(0, -2) as (string | undefined)[];
          if (cmd.nth ? count !== cmd.nth : !cmd.global && count > 1) return m;
          changed = true;
          return substitute(cmd.replacement ?? '', m, groups);
        });
        if (changed && cmd.print) out += line + '\n';
      } else if (cmd.name === 'p') out += line + '\n';
      else if (cmd.name === '=') out += `${n}\n`;
      else if (cmd.name === 'y' && cmd.from !== undefined && cmd.to !== undefined) {
        const from = [...cmd.from];
        const to = [...cmd.to];
        line = [...line].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)] : ch)).join('');
      } else if (cmd.name === 'a') after += `${cmd.text}\n`;
      else if (cmd.name === 'i') out += `${cmd.text}\n`;
      else if (cmd.name === 'c') {
        if (!cmd.inRange) out += `${cmd.text}\n`;
        deleted = true;
        break;
      } else if (cmd.name === 'd') {
        deleted = true;
        break;
      } else if (cmd.name === 'q') {
        quit = true;
        break;
      }
    }
    if (!deleted && !quiet) out += line + eol;
    out += after;
    if (quit) return { out, quit: true };
  }
  return { out, quit: false };
}

export const sed: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let inPlace = false;
  let extended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a.startsWith('-i') || a.startsWith('--in-place')) inPlace = true;
    else if (/^-[nErse]+$/.test(a)) {
      // Bundled: `-ne SCRIPT`, `-nE`.
      if (a.includes('n')) quiet = true;
      if (/[Er]/.test(a)) extended = true;
      if (a.includes('e')) scripts.push(args[++i] ?? '');
    } else if (a === '-f') {
      try {
        scripts.push(ctx.shell.host.vfs.readFile(ctx.shell.resolvePath(args[++i] ?? '')));
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        await ctx.stderr.write(`sed: couldn't open file ${args[i]}: ${e.reason}\n`);
        return 1;
      }
    } else if (scripts.length === 0 && !a.startsWith('-')) scripts.push(a);
    else files.push(a);
  }
  if (scripts.length === 0) {
    await ctx.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
    return 1;
  }
  let cmds: SedCommand[];
  try {
    cmds = parseSed(scripts.join('\n'), extended);
  } catch (e) {
    if (!(e instanceof SedError || e instanceof SyntaxError)) throw e;
    await ctx.stderr.write(`sed: -e expression #1, char 0: ${e instanceof SedError ? e.message : 'Invalid preceding regular expression'}\n`);
    return 1;
  }
  if (inPlace) {
    if (files.length === 0) {
      await ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    let status = 0;
    for (const f of files) {
      const path = ctx.shell.resolvePath(f);
      try {
        const text = ctx.shell.host.vfs.readFile(path);
        for (const c of cmds) c.inRange = false;
        ctx.shell.host.vfs.writeFile(path, runSed(cmds, text, quiet, { n: 0 }).out);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        await ctx.stderr.write(`sed: can't read ${f}: ${e.reason}\n`);
        status = 2;
      }
    }
    return status;
  }
  const got = await inputs(ctx, files);
  if (typeof got === 'number') return 2;
  // The files are one stream: line numbers run on and `$` is the last line of the last file.
  const r = runSed(cmds, got.map((g) => (g.text && !g.text.endsWith('\n') && g !== got[got.length - 1] ? g.text + '\n' : g.text)).join(''), quiet, { n: 0 });
  await ctx.stdout.write(r.out);
  return got.length < Math.max(1, files.length) ? 2 : 0;
};
