/**
 * `find`, as busybox 1.36 runs it: starting points (`.` by default), then an expression of
 * tests (-name, -iname, -path, -ipath, -type f|d, -empty, -size [+-]N[ckMG], -mtime/-mmin
 * [+-]N, -newer FILE), actions (-print, -print0, -exec CMD {} ; and +, -delete, -prune,
 * -quit) and operators (! -not, -a -and, juxtaposition, -o -or, parentheses); -maxdepth and
 * -mindepth apply anywhere. With no action, every match is printed. Directories are walked
 * in name order and, with -delete, their contents first (as -depth).
 */
import type { Command, CommandContext } from './interpreter.ts';
import { patternOf } from './pattern.ts';
import { VfsError, type VfsNode } from './vfs.ts';

interface Visit {
  /** The path as find prints it: the starting point as given, then `/name` per level. */
  shown: string;
  /** The absolute path in the container. */
  abs: string;
  node: VfsNode;
  depth: number;
}

/** A parsed expression: true when the file matches; actions run as it is evaluated. */
type Test = (v: Visit) => Promise<boolean>;

class FindUsage extends Error {}

const NOW = () => Date.now();

function globTest(pattern: string, ignoreCase: boolean): RegExp {
  return new RegExp(`^(?:${patternOf([{ text: pattern, quoted: false }])})$`, ignoreCase ? 'i' : '');
}

/** `+N` more than N, `-N` less than N, `N` exactly N. */
function compare(spec: string, value: number, unit = 1): boolean {
  const n = Number(spec.replace(/^[+-]/, ''));
  if (spec.startsWith('+')) return value > n * unit;
  if (spec.startsWith('-')) return value < n * unit;
  return value === n * unit;
}

const SIZE_UNITS: Record<string, number> = { c: 1, w: 2, b: 512, k: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 };

class Parser {
  private i = 0;
  /** Whether the expression has an action of its own (then matches are not printed by default). */
  hasAction = false;
  maxDepth = Infinity;
  minDepth = 0;
  /** Set when -quit ran: the walk stops. */
  quit = false;
  /** Set by -prune for the directory being visited. */
  pruned = false;
  status = 0;
  /** What `-exec CMD {} +` collected, run at the end. */
  readonly batches: { argv: string[]; paths: string[] }[] = [];

  constructor(private readonly args: string[], private readonly ctx: CommandContext) {}

  parse(): Test {
    if (this.args.length === 0) return async () => true;
    const t = this.or();
    if (this.i < this.args.length) throw new FindUsage(this.args[this.i] === ')' ? `find: unexpected ')'` : `find: unrecognized: ${this.args[this.i]}`);
    return t;
  }

  private or(): Test {
    let left = this.and();
    while (this.args[this.i] === '-o' || this.args[this.i] === '-or') {
      this.i++;
      const l = left;
      const r = this.and();
      left = async (v) => (await l(v)) || r(v);
    }
    return left;
  }

  private and(): Test {
    let left = this.not();
    for (;;) {
      const a = this.args[this.i];
      if (a === undefined || a === '-o' || a === '-or' || a === ')') return left;
      if (a === '-a' || a === '-and') this.i++;
      const l = left;
      const r = this.not();
      left = async (v) => (await l(v)) && r(v);
    }
  }

  private not(): Test {
    const a = this.args[this.i];
    if (a === '!' || a === '-not') {
      this.i++;
      const t = this.not();
      return async (v) => !(await t(v));
    }
    return this.primary();
  }

  private value(name: string): string {
    const v = this.args[this.i++];
    if (v === undefined) throw new FindUsage(`find: missing argument to '${name}'`);
    return v;
  }

  private primary(): Test {
    const a = this.args[this.i++];
    const { ctx } = this;
    switch (a) {
      case '(': {
        const t = this.or();
        if (this.args[this.i++] !== ')') throw new FindUsage(`find: missing ')'`);
        return t;
      }
      case '-name':
      case '-iname': {
        const re = globTest(this.value(a), a === '-iname');
        return async (v) => re.test(v.depth === 0 ? v.shown.replace(/\/+$/, '').split('/').pop() || v.shown : v.shown.split('/').pop() ?? '');
      }
      case '-path':
      case '-ipath':
      case '-wholename': {
        const re = globTest(this.value(a), a === '-ipath');
        return async (v) => re.test(v.shown);
      }
      case '-type': {
        const kind = this.value(a);
        if (!/^[fdlbcps]$/.test(kind)) throw new FindUsage(`find: unknown argument to -type: ${kind}`);
        return async (v) => (kind === 'f' ? v.node.kind === 'file' : kind === 'd' ? v.node.kind === 'dir' : false);
      }
      case '-empty':
        return async (v) => (v.node.kind === 'file' ? v.node.data.length === 0 : v.node.children.size === 0);
      case '-size': {
        const spec = this.value(a);
        const m = /^([+-]?\d+)([cwbkMG]?)$/.exec(spec);
        if (!m) throw new FindUsage(`find: invalid number '${spec}'`);
        const unit = SIZE_UNITS[m[2] || 'b'];
        // Sizes count in whole units, rounded up, as find(1) does.
        return async (v) => compare(m[1], Math.ceil((v.node.kind === 'file' ? v.node.data.length : 4096) / unit));
      }
      case '-mtime':
      case '-mmin': {
        const spec = this.value(a);
        if (!/^[+-]?\d+$/.test(spec)) throw new FindUsage(`find: invalid number '${spec}'`);
        const unit = a === '-mtime' ? 86_400_000 : 60_000;
        return async (v) => compare(spec, Math.floor((NOW() - v.node.mtime.getTime()) / unit));
      }
      case '-newer': {
        const ref = this.value(a);
        const node = ctx.shell.host.vfs.lookup(ctx.shell.resolvePath(ref));
        if (!node) throw new FindUsage(`find: ${ref}: No such file or directory`);
        return async (v) => v.node.mtime.getTime() > node.mtime.getTime();
      }
      case '-maxdepth':
      case '-mindepth': {
        const n = Number(this.value(a));
        if (a === '-maxdepth') this.maxDepth = n;
        else this.minDepth = n;
        return async () => true;
      }
      case '-depth':
      case '-xdev':
      case '-follow':
        return async () => true;
      case '-print':
      case '-print0': {
        this.hasAction = true;
        const end = a === '-print' ? '\n' : '\0';
        return async (v) => {
          await ctx.stdout.write(v.shown + end);
          return true;
        };
      }
      case '-prune':
        return async () => {
          this.pruned = true;
          return true;
        };
      case '-quit':
        return async () => {
          this.quit = true;
          return true;
        };
      case '-delete':
        this.hasAction = true;
        return async (v) => {
          try {
            if (v.node.kind === 'dir' && v.node.children.size > 0) throw new VfsError(v.abs, 'Directory not empty');
            ctx.shell.host.vfs.remove(v.abs, true);
            return true;
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            await ctx.stderr.write(`find: ${v.shown}: ${e.reason}\n`);
            this.status = 1;
            return false;
          }
        };
      case '-exec':
        return this.exec();
      default:
        throw new FindUsage(`find: unrecognized: ${a}`);
    }
  }

  private exec(): Test {
    this.hasAction = true;
    const argv: string[] = [];
    for (;;) {
      const w = this.args[this.i++];
      if (w === undefined) throw new FindUsage(`find: -exec requires an argument`);
      if (w === ';') break;
      if (w === '+' && argv.at(-1) === '{}') {
        const batch = { argv: argv.slice(0, -1), paths: [] as string[] };
        this.batches.push(batch);
        return async (v) => {
          batch.paths.push(v.shown);
          return true;
        };
      }
      argv.push(w);
    }
    if (argv.length === 0) throw new FindUsage(`find: -exec requires an argument`);
    return async (v) => (await this.run(argv.map((w) => w.replaceAll('{}', v.shown)))) === 0;
  }

  /** Run a command as find's child: a program on PATH, with find's streams. */
  async run(argv: string[]): Promise<number> {
    const { ctx } = this;
    const found = ctx.shell.commands.find(argv[0], ctx.shell.host.image, undefined);
    if (!found) {
      await ctx.stderr.write(`find: ${argv[0]}: No such file or directory\n`);
      this.status = 1;
      return 127;
    }
    return found.run({ ...ctx, argv });
  }
}

const find: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let first = args.findIndex((a) => a.startsWith('-') || a === '!' || a === '(');
  if (first < 0) first = args.length;
  const starts = args.slice(0, first);
  const parser = new Parser(args.slice(first), ctx);
  let test: Test;
  try {
    test = parser.parse();
  } catch (e) {
    if (!(e instanceof FindUsage)) throw e;
    await ctx.stderr.write(e.message + '\n');
    return 1;
  }
  const deleting = args.includes('-delete');
  const { vfs } = ctx.shell.host;
  const visit = async (v: Visit): Promise<void> => {
    if (parser.quit || ctx.signal.aborted) return;
    const here = async () => {
      if (v.depth < parser.minDepth || parser.quit) return;
      parser.pruned = false;
      const matched = await test(v);
      if (matched && !parser.hasAction) await ctx.stdout.write(v.shown + '\n');
    };
    if (!deleting) await here();
    const prunedHere = parser.pruned;
    parser.pruned = false;
    if (v.node.kind === 'dir' && v.depth < parser.maxDepth && !prunedHere) {
      for (const [name, node] of [...v.node.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        await visit({ shown: v.shown.endsWith('/') ? v.shown + name : `${v.shown}/${name}`, abs: v.abs === '/' ? `/${name}` : `${v.abs}/${name}`, node, depth: v.depth + 1 });
      }
    }
    if (deleting) await here();
  };
  for (const start of starts.length ? starts : ['.']) {
    const abs = ctx.shell.resolvePath(start);
    const node = vfs.lookup(abs);
    if (!node) {
      await ctx.stderr.write(`find: ${start}: No such file or directory\n`);
      parser.status = 1;
      continue;
    }
    await visit({ shown: start, abs, node, depth: 0 });
  }
  for (const batch of parser.batches) {
    if (batch.paths.length && (await parser.run([...batch.argv, ...batch.paths])) !== 0) parser.status = 1;
  }
  return ctx.signal.aborted ? 130 : parser.status;
};

export const FIND_COMMANDS: Record<string, Command> = { find };
