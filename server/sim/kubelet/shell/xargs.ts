/**
 * `xargs`, as busybox 1.36 runs it: arguments read from stdin (blanks and newlines separate
 * them, quotes and backslashes as the shell's; `-0` splits on NUL), appended to the command
 * (`echo` by default) and run, `-n N` at most N per run, `-I STR` once per input line with STR
 * replaced, `-t` echoes each command to stderr, `-r` runs nothing on empty input. The command
 * is a program on PATH; its stdin is empty. Exit status 123 when a run failed, 124 when one
 * exited 255, 127 when the command does not exist.
 */
import type { Command, CommandContext } from './interpreter.ts';
import { StdinQueue } from './io.ts';

/** Split xargs input the default way: quotes group, a backslash escapes, blanks separate. */
export function xargsWords(text: string): string[] | { error: string } {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return { error: `xargs: unmatched ${c === '"' ? 'double' : 'single'} quote` };
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: xargs [OPTIONS] [PROG ARGS]\n';

const xargs: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let perRun = Infinity;
  let replace: string | undefined;
  let nul = false;
  let trace = false;
  let noRunIfEmpty = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    let stop = false;
    for (let j = 1; j < a.length && !stop; j++) {
      const c = a[j];
      if (c === '0') nul = true;
      else if (c === 't') trace = true;
      else if (c === 'r') noRunIfEmpty = true;
      else if (c === 'x' || c === 'p') continue;
      else if ('nIsPE'.includes(c)) {
        const value = a.slice(j + 1) || args[++i];
        if (value === undefined) {
          await ctx.stderr.write(`xargs: option requires an argument -- '${c}'\n${USAGE}`);
          return 1;
        }
        if (c === 'n') perRun = Math.max(1, Number(value) || 1);
        if (c === 'I') replace = value;
        stop = true;
      } else {
        await ctx.stderr.write(`xargs: invalid option -- '${c}'\n${USAGE}`);
        return 1;
      }
    }
  }
  const command = args.length > i ? args.slice(i) : ['echo'];
  const input = await ctx.stdin.readAll(ctx.signal);
  let items: string[];
  if (nul) items = input.split('\0').filter((w, k, all) => w !== '' || k < all.length - 1);
  else if (replace !== undefined) items = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
  else {
    const words = xargsWords(input);
    if (!Array.isArray(words)) {
      await ctx.stderr.write(words.error + '\n');
      return 1;
    }
    items = words;
  }
  const runs: string[][] = [];
  if (replace !== undefined) for (const item of items) runs.push(command.map((w) => w.replaceAll(replace, item)));
  else for (let k = 0; k < items.length; k += perRun === Infinity ? items.length : perRun) runs.push([...command, ...items.slice(k, perRun === Infinity ? undefined : k + perRun)]);
  if (runs.length === 0 && !noRunIfEmpty && replace === undefined) runs.push(command);
  let status = 0;
  for (const argv of runs) {
    if (ctx.signal.aborted) return 130;
    if (trace) await ctx.stderr.write(argv.join(' ') + '\n');
    const code = await runChild(ctx, argv);
    if (code === 127) return 127;
    if (code === 255) {
      await ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
};

/** Run one command line as xargs' child: a program on PATH, stdin empty, xargs' output streams. */
async function runChild(ctx: CommandContext, argv: string[]): Promise<number> {
  const found = ctx.shell.commands.find(argv[0], ctx.shell.host.image, undefined);
  if (!found) {
    await ctx.stderr.write(`xargs: ${argv[0]}: No such file or directory\n`);
    return 127;
  }
  return found.run({ ...ctx, argv, stdin: new StdinQueue(undefined, true) });
}

export const XARGS_COMMANDS: Record<string, Command> = { xargs };
