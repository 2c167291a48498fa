/**
 * Word expansion (XCU 2.6): tilde, parameters with their `${x:-w}`-style operators, `$(...)`
 * command substitution (run in a copy of the shell), `$((...))` arithmetic, and field
 * splitting on IFS. The interpreter hands every word of a command here before it runs.
 */
import { ArithmeticError, evaluateArithmetic } from './arithmetic.ts';
import type { Word } from './ast.ts';
import type { RunIO, ShellState as Shell } from './shellState.ts';
import { StringWriter } from './io.ts';
import { readQuoted, scanWord } from './lexer.ts';
import { globPaths, hasGlob } from './glob.ts';
import { matchPattern, patternOf, type PatternPiece } from './pattern.ts';
import { ExecRequest, ExpansionError } from './signals.ts';

/** Expand command words into argv: each word's fields, `"$@"` one field per parameter. */
export async function expandWords(shell: Shell, words: Word[], io: RunIO): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expand(shell, w, io)));
  return out;
}

/**
 * Expand a word into fields: unquoted expansions are split on IFS (default blanks), and
 * fields with unquoted `*`, `?` or `[` become the paths they match (unless `set -f`).
 */
export async function expand(shell: Shell, word: Word, io: RunIO, split = true): Promise<string[]> {
  const fields: { text: string; pieces: PatternPiece[] }[] = [];
  let current = '';
  let pieces: PatternPiece[] = [];
  let hasContent = false;
  const add = (text: string, quoted: boolean) => {
    current += text;
    pieces.push({ text, quoted });
    hasContent = true;
  };
  const endField = () => {
    fields.push({ text: current, pieces });
    current = '';
    pieces = [];
  };
  for (const seg of word) {
    if (seg.kind === 'lit') {
      let text = seg.text;
      if (!seg.quoted && current === '' && (text === '~' || text.startsWith('~/'))) {
        // The home directory is not a pattern.
        add(shell.vars.get('HOME') ?? '/root', true);
        text = text.slice(1);
      }
      add(text, seg.quoted);
      continue;
    }
    if (seg.kind === 'var' && seg.name === '@' && seg.quoted && split) {
      // "$@": one field per positional parameter, none when there are none.
      const params = shell.positional.slice(1);
      params.forEach((p, i) => {
        if (i > 0) endField();
        add(p, true);
      });
      continue;
    }
    const text = seg.kind === 'var' ? await parameter(shell, seg.name, io) : seg.kind === 'arith' ? await arithmetic(shell, seg.source, io) : await substitute(shell, seg.source, io);
    if (seg.quoted || !split) {
      add(text, seg.quoted);
      continue;
    }
    const ifs = shell.vars.get('IFS') ?? ' \t\n';
    const parts = ifs === '' ? [text] : text.split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`));
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        if (hasContent || current) endField();
        current = '';
        pieces = [];
        hasContent = false;
      }
      if (parts[i]) add(parts[i], false);
    }
  }
  if (hasContent || current) endField();
  if (!split || shell.options.has('f')) return fields.map((f) => f.text);
  return fields.flatMap((f) => {
    if (!hasGlob(f.pieces)) return [f.text];
    const matches = globPaths(f.pieces, shell.cwd, shell.host.vfs);
    return matches.length ? matches : [f.text];
  });
}

async function arithmetic(shell: Shell, source: string, io: RunIO): Promise<string> {
  const text = (await expand(shell, readQuoted(source, 0, undefined).word, io, false)).join('');
  try {
    return String(evaluateArithmetic(text, { get: (n) => shell.vars.get(n), set: (n, v) => shell.vars.set(n, v) }));
  } catch (e) {
    if (e instanceof ArithmeticError) throw new ExpansionError(e.message);
    throw e;
  }
}

/** `${...}`: the parameter, its length, or one of the operators - = + ? # ## % %%. */
async function parameter(shell: Shell, expr: string, io: RunIO): Promise<string> {
  const simple = special(shell, expr);
  if (simple !== undefined) return simple;
  if (/^#[A-Za-z_0-9][A-Za-z0-9_]*$/.test(expr) || expr === '##' || expr === '#?') return String((special(shell, expr.slice(1)) ?? shell.vars.get(expr.slice(1)) ?? '').length);
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])(:?[-=+?]|##?|%%?)([\s\S]*)$/.exec(expr);
  if (!m) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr)) {
      if (shell.options.has('u') && !shell.vars.has(expr)) throw new ExpansionError(`${expr}: parameter not set`);
      return shell.vars.get(expr) ?? '';
    }
    throw new ExpansionError(`syntax error: bad substitution`);
  }
  const [, name, op, rest] = m;
  const value = special(shell, name) ?? shell.vars.get(name);
  const word = () => expand(shell, scanWord(rest, 0, false).word, io, false).then((f) => f.join(''));
  if (op.startsWith('#') || op.startsWith('%')) {
    const v = value ?? '';
    const pattern = patternOf(scanWord(rest, 0, false).word.map((s) => ({ text: s.kind === 'lit' ? s.text : '', quoted: s.kind === 'lit' && s.quoted })));
    const lengths = [...Array(v.length + 1).keys()];
    const order = op === '#' || op === '%' ? lengths : lengths.reverse();
    for (const n of order) {
      if (op.startsWith('#') && matchPattern(pattern, v.slice(0, n))) return v.slice(n);
      if (op.startsWith('%') && matchPattern(pattern, v.slice(v.length - n))) return v.slice(0, v.length - n);
    }
    return v;
  }
  const unset = op.startsWith(':') ? !value : value === undefined;
  switch (op.slice(-1)) {
    case '-': return unset ? word() : (value ?? '');
    case '+': return unset ? '' : word();
    case '=': {
      if (!unset) return value ?? '';
      const w = await word();
      shell.vars.set(name, w);
      return w;
    }
    default: {
      if (!unset) return value ?? '';
      throw new ExpansionError(`${name}: ${(await word()) || 'parameter not set'}`);
    }
  }
}

/** Special and positional parameters; undefined for a name that is neither. */
function special(shell: Shell, name: string): string | undefined {
  if (name === '?') return String(shell.status);
  if (name === '$') return '1';
  if (name === '!') return shell.lastJob === undefined ? '' : String(shell.lastJob);
  if (name === '-') return [...shell.options].join('');
  if (name === '#') return String(Math.max(0, shell.positional.length - 1));
  if (name === '@' || name === '*') return shell.positional.slice(1).join(' ');
  if (/^[0-9]+$/.test(name)) return shell.positional[Number(name)] ?? '';
  return undefined;
}

async function substitute(shell: Shell, source: string, io: RunIO): Promise<string> {
  const out = new StringWriter();
  const sub = shell.fork();
  try {
    await sub.runToExit(source, { ...io, stdout: out });
  } catch (e) {
    if (!(e instanceof ExecRequest)) throw e;
    await sub.runArgv(e.argv, { ...io, stdout: out });
  }
  shell.status = sub.status;
  return out.text.replace(/\n+$/, '');
}
/** A case pattern: expansions unquoted stay patterns, quoted parts match literally. */
export async function casePattern(shell: Shell, word: Word, io: RunIO): Promise<string> {
  const pieces: { text: string; quoted: boolean }[] = [];
  for (const seg of word) {
    if (seg.kind === 'lit') pieces.push({ text: seg.text, quoted: seg.quoted });
    else pieces.push({ text: (await expand(shell, [seg], io, false)).join(''), quoted: seg.quoted });
  }
  return patternOf(pieces);
}
