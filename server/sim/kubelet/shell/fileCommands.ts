/** Programs that work on the container's virtual filesystem: ls, cat, mkdir, touch, rm. */
import { hasGnuUserland } from '../images.ts';
import type { Command, CommandContext } from './interpreter.ts';
import type { VfsNode } from './vfs.ts';
import { VfsError } from './vfs.ts';

/** Split `-la` style flags from operands. */
export function flagsAndOperands(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let endOfFlags = false;
  for (const a of args) {
    if (!endOfFlags && a === '--') endOfFlags = true;
    else if (!endOfFlags && a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lsTime(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

function longLine(name: string, node: VfsNode): string {
  const size = node.kind === 'file' ? node.data.length : 4096;
  const links = node.kind === 'dir' ? 2 : 1;
  return `${node.mode}    ${links} root     root     ${String(size).padStart(8)} ${lsTime(node.mtime)} ${name}`;
}

const ls: Command = async ({ argv, shell, stdout, stderr }) => {
  const { flags, operands } = flagsAndOperands(argv.slice(1));
  const long = flags.has('l');
  const all = flags.has('a') || flags.has('A');
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  let out = '';
  for (const t of targets) {
    const path = shell.resolvePath(t);
    const node = shell.host.vfs.lookup(path);
    if (!node) {
      await stderr.write(`ls: cannot access '${t}': No such file or directory\n`);
      status = 2;
      continue;
    }
    if (targets.length > 1 && node.kind === 'dir') out += `${t}:\n`;
    let entries = node.kind === 'dir' ? [...node.children.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) : [[t, node] as [string, VfsNode]];
    if (!all) entries = entries.filter(([n]) => !n.startsWith('.'));
    if (long) {
      if (node.kind === 'dir') out += `total ${entries.length * 4}\n`;
      if (flags.has('a') && node.kind === 'dir') out += `${longLine('.', node)}\n${longLine('..', node)}\n`;
      out += entries.map(([n, e]) => longLine(n, e) + '\n').join('');
    } else {
      const names = (flags.has('a') && node.kind === 'dir' ? ['.', '..'] : []).concat(entries.map(([n]) => n));
      out += names.map((n) => n + '\n').join('');
    }
    if (targets.length > 1) out += '\n';
  }
  await stdout.write(out);
  return status;
};

const cat: Command = async (ctx) => {
  const { operands } = flagsAndOperands(ctx.argv.slice(1));
  if (operands.length === 0 || (operands.length === 1 && operands[0] === '-')) return pipeStdin(ctx);
  let status = 0;
  for (const f of operands) {
    try {
      await ctx.stdout.write(ctx.shell.host.vfs.readBytes(ctx.shell.resolvePath(f)));
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await ctx.stderr.write(catError(ctx, f, e.reason));
      status = 1;
    }
  }
  return status;
};

/**
 * GNU cat names the file and the reason; busybox says it can't open it (the wording of the
 * Kubernetes docs' liveness probe example: cat: can't open '/tmp/healthy': No such file or
 * directory), and a directory opens but fails to read.
 */
function catError(ctx: CommandContext, file: string, reason: string): string {
  if (hasGnuUserland(ctx.shell.host.image)) return `cat: ${file}: ${reason}\n`;
  return reason === 'Is a directory' ? `cat: read error: ${reason}\n` : `cat: can't open '${file}': ${reason}\n`;
}

/** Copy stdin to stdout as it arrives (so `kubectl exec -i POD -- cat` echoes interactively). */
async function pipeStdin({ stdin, stdout, signal }: CommandContext): Promise<number> {
  for (;;) {
    const chunk = await stdin.readBytes(signal);
    if (chunk === null) return signal.aborted ? 130 : 0;
    await stdout.write(chunk);
  }
}

const mkdir: Command = async ({ argv, shell, stderr }) => {
  const { flags, operands } = flagsAndOperands(argv.slice(1));
  let status = 0;
  for (const d of operands) {
    try {
      shell.host.vfs.mkdir(shell.resolvePath(d), { parents: flags.has('p') });
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await stderr.write(`mkdir: cannot create directory '${d}': ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
};

const touch: Command = async ({ argv, shell, stderr }) => {
  const { operands } = flagsAndOperands(argv.slice(1));
  let status = 0;
  for (const f of operands) {
    const path = shell.resolvePath(f);
    try {
      const node = shell.host.vfs.lookup(path);
      if (node) node.mtime = new Date();
      else shell.host.vfs.writeFile(path, '');
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await stderr.write(`touch: cannot touch '${f}': ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Command = async ({ argv, shell, stderr }) => {
  const { flags, operands } = flagsAndOperands(argv.slice(1));
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const f of operands) {
    const path = shell.resolvePath(f);
    const node = shell.host.vfs.lookup(path);
    if (!node) {
      if (!flags.has('f')) {
        await stderr.write(`rm: cannot remove '${f}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    try {
      shell.host.vfs.remove(path, recursive);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await stderr.write(`rm: cannot remove '${f}': ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
};

export const FILE_COMMANDS: Record<string, Command> = { ls, cat, mkdir, touch, rm };
