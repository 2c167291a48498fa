/**
 * `cp` and `mv` on the container's filesystem, worded as busybox 1.36 does (GNU coreutils on
 * the Debian-based images that have bash). A source onto an existing directory lands inside
 * it under its own name; several sources need a directory. `cp` copies directories only with
 * -r/-R/-a, keeps modes and times with -p/-a, skips existing files with -n; `mv` keeps
 * everything and removes the source, and a source it cannot remove (a read-only mount) stays
 * where it was.
 */
import { hasGnuUserland } from '../images.ts';
import type { Command, CommandContext } from './interpreter.ts';
import { flagsAndOperands } from './fileCommands.ts';
import { normalizePath, VfsError, type Vfs, type VfsNode } from './vfs.ts';

/** Copy a node to `dst` (which must not be a directory already holding it); `keep` carries mode and mtime. */
function copyTree(vfs: Vfs, node: VfsNode, dst: string, keep: boolean): void {
  if (node.kind === 'file') {
    vfs.writeFile(dst, node.data, keep ? { mode: node.mode, mtime: node.mtime } : {});
    return;
  }
  if (!vfs.isDir(dst)) vfs.mkdir(dst, keep ? { mode: node.mode, mtime: node.mtime } : {});
  for (const [name, child] of [...node.children]) copyTree(vfs, child, `${dst}/${name}`, keep);
}

const basename = (p: string) => p.replace(/\/+$/, '').split('/').pop() || p;

interface Plan {
  src: string;
  abs: string;
  node: VfsNode;
  dst: string;
}

/** Pair each source with where it goes, reporting missing sources; undefined when the target is unusable. */
async function plan(ctx: CommandContext, operands: string[], gnu: boolean, recursive: boolean): Promise<{ plans: Plan[]; status: number } | undefined> {
  const name = ctx.argv[0];
  const { vfs } = ctx.shell.host;
  if (operands.length < 2) {
    await ctx.stderr.write(gnu ? `${name}: missing ${operands.length ? `destination file operand after '${operands[0]}'` : 'file operand'}\n` : `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${name} [-${name === 'cp' ? 'arPLHpfinlsTu' : 'fin'}] SOURCE DEST\n`);
    return undefined;
  }
  const target = operands[operands.length - 1];
  const targetAbs = ctx.shell.resolvePath(target);
  const intoDir = vfs.isDir(targetAbs);
  if (operands.length > 2 && !intoDir) {
    await ctx.stderr.write(gnu ? `${name}: target '${target}' is not a directory\n` : `${name}: '${target}' is not a directory\n`);
    return undefined;
  }
  const plans: Plan[] = [];
  let status = 0;
  for (const src of operands.slice(0, -1)) {
    const abs = ctx.shell.resolvePath(src);
    const node = vfs.lookup(abs);
    if (!node) {
      await ctx.stderr.write(gnu ? `${name}: cannot stat '${src}': No such file or directory\n` : `${name}: can't ${name === 'mv' ? 'rename' : 'stat'} '${src}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const dst = intoDir ? normalizePath('/', `${targetAbs}/${basename(src)}`) : targetAbs;
    if (node.kind === 'dir' && recursive && (dst === abs || dst.startsWith(abs + '/'))) {
      const shown = intoDir ? `${target.replace(/\/+$/, '')}/${basename(src)}` : target;
      if (name === 'mv') await ctx.stderr.write(gnu ? `mv: cannot move '${src}' to a subdirectory of itself, '${shown}'\n` : `mv: can't rename '${src}': Invalid argument\n`);
      else await ctx.stderr.write(gnu ? `cp: cannot copy a directory, '${src}', into itself, '${shown}'\n` : `cp: recursion detected, omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    plans.push({ src, abs, node, dst });
  }
  return { plans, status };
}


const cp: Command = async (ctx) => {
  const { flags, operands } = flagsAndOperands(ctx.argv.slice(1));
  const gnu = hasGnuUserland(ctx.shell.host.image);
  const recursive = flags.has('r') || flags.has('R') || flags.has('a');
  const keep = flags.has('p') || flags.has('a');
  const planned = await plan(ctx, operands, gnu, recursive);
  if (!planned) return 1;
  let { status } = planned;
  const { vfs } = ctx.shell.host;
  for (const { src, node, dst } of planned.plans) {
    if (node.kind === 'dir' && !recursive) {
      await ctx.stderr.write(gnu ? `cp: -r not specified; omitting directory '${src}'\n` : `cp: omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    const existing = vfs.lookup(dst);
    if (existing && flags.has('n')) continue;
    if (existing?.kind === 'dir' && node.kind === 'file') {
      await ctx.stderr.write(gnu ? `cp: cannot overwrite directory '${dst}' with non-directory\n` : `cp: can't create '${dst}': Is a directory\n`);
      status = 1;
      continue;
    }
    try {
      copyTree(vfs, node, dst, keep);
      if (flags.has('v')) await ctx.stdout.write(`'${src}' -> '${dst}'\n`);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await ctx.stderr.write(gnu ? `cp: cannot create regular file '${e.path}': ${e.reason}\n` : `cp: can't create '${e.path}': ${e.reason}\n`);
      status = 1;
    }
  }
  return status;
};

const mv: Command = async (ctx) => {
  const { flags, operands } = flagsAndOperands(ctx.argv.slice(1));
  const gnu = hasGnuUserland(ctx.shell.host.image);
  const planned = await plan(ctx, operands, gnu, true);
  if (!planned) return 1;
  let { status } = planned;
  const { vfs } = ctx.shell.host;
  for (const { src, abs, node, dst } of planned.plans) {
    if (dst === abs) continue;
    const existing = vfs.lookup(dst);
    if (existing && flags.has('n')) continue;
    const fail = async (reason: string) => {
      await ctx.stderr.write(gnu ? `mv: cannot move '${src}' to '${dst}': ${reason}\n` : `mv: can't rename '${src}': ${reason}\n`);
      status = 1;
    };
    if (existing?.kind === 'dir' && (node.kind === 'file' || existing.children.size > 0)) {
      await fail(node.kind === 'file' ? 'Is a directory' : 'Directory not empty');
      continue;
    }
    try {
      // Removing first keeps a read-only source where it was; the node is copied back if the target refuses.
      vfs.remove(abs, true);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await fail(e.reason);
      continue;
    }
    try {
      if (existing) vfs.remove(dst, true);
      copyTree(vfs, node, dst, true);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      copyTree(vfs, node, abs, true);
      await fail(e.reason);
    }
  }
  return status;
};

export const COPY_COMMANDS: Record<string, Command> = { cp, mv };
