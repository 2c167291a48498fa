/**
 * `uniq`: adjacent duplicate lines collapsed, counted (-c), only repeated (-d) or only unique (-u).
 */
import type { Command } from '../interpreter.ts';
import { inputs, lines } from '../textCommands.ts';

export const uniq: Command = async (ctx) => {
  const flags = new Set<string>();
  const files: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[cdui]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else files.push(a);
  }
  const got = await inputs(ctx, files.slice(0, 1));
  if (typeof got === 'number') return 1;
  const same = (a: string, b: string) => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(got[0]?.text ?? '')) {
    const lastGroup = groups[groups.length - 1];
    if (lastGroup && same(lastGroup.line, line)) lastGroup.count++;
    else groups.push({ line, count: 1 });
  }
  const kept = groups.filter((g) => (flags.has('d') ? g.count > 1 : flags.has('u') ? g.count === 1 : true));
  const out = kept.map((g) => (flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join('');
  if (files[1] !== undefined) ctx.shell.host.vfs.writeFile(ctx.shell.resolvePath(files[1]), out);
  else await ctx.stdout.write(out);
  return 0;
};
