/**
 * `tar` over the container's vfs: create (-c), extract (-x) and list (-t) ustar archives,
 * on stdin/stdout (`-f -`, the default) or a file, with -C, -v, -m, -z, directories and
 * file modes. `kubectl cp` runs `tar -xmf - -C DIR` to copy in and `tar cf - PATH` to copy
 * out. The archive format itself is tar-stream's (maintained, pure JS, streams); this file
 * only walks the vfs and speaks like busybox tar (or GNU tar in Debian-based images).
 */
import { hasGnuUserland } from '../images.ts';
import { gunzipSync, gzipSync } from 'node:zlib';
import { extract, pack, type Header } from 'tar-stream';
import type { Command, CommandContext } from './interpreter.ts';
import { NULL_WRITER, type Writer } from './io.ts';
import { modeBits, modeString, VfsError, type VfsNode } from './vfs.ts';

interface TarOptions {
  mode?: 'c' | 'x' | 't';
  file: string;
  dir?: string;
  verbose: boolean;
  /** -m: extracted files get the time of extraction, not the archive's. */
  touch: boolean;
  gzip: boolean;
  operands: string[];
}

/** Options that take the next argument. */
const WITH_ARG = new Set(['f', 'C']);

export function parseTarArgs(args: string[]): TarOptions | string {
  const o: TarOptions = { file: '-', verbose: false, touch: false, gzip: false, operands: [] };
  const queue = [...args];
  const flag = (c: string): string | undefined => {
    if (c === 'c' || c === 'x' || c === 't') o.mode = c;
    else if (c === 'v') o.verbose = true;
    else if (c === 'm') o.touch = true;
    else if (c === 'z') o.gzip = true;
    else if (c === 'o' || c === 'p') return undefined;
    else if (WITH_ARG.has(c)) {
      const value = queue.shift();
      if (value === undefined) return `option requires an argument -- '${c}'`;
      if (c === 'f') o.file = value;
      else o.dir = value;
    } else return `invalid option -- '${c}'`;
    return undefined;
  };
  // The first argument may be old-style bundled letters without a dash: `tar cf - x`, `tar xzvf a.tgz`.
  if (queue[0] !== undefined && !queue[0].startsWith('-')) {
    for (const c of queue.shift() as string) {
      const err = flag(c);
      if (err) return err;
    }
  }
  while (queue.length) {
    const a = queue.shift() as string;
    if (a === '--') {
      o.operands.push(...queue.splice(0));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s);
      if (name === 'directory' && value !== undefined) o.dir = value;
      else if (name === 'file' && value !== undefined) o.file = value;
      else if (name === 'extract' || name === 'get') o.mode = 'x';
      else if (name === 'create') o.mode = 'c';
      else if (name === 'list') o.mode = 't';
      else if (name === 'verbose') o.verbose = true;
      else if (name === 'touch') o.touch = true;
      else if (name === 'gzip') o.gzip = true;
      // kubectl cp --no-preserve: ownership and permissions are the container's anyway.
      else if (!['no-same-permissions', 'no-same-owner', 'same-permissions', 'same-owner', 'numeric-owner', 'preserve-permissions'].includes(name)) return `unrecognized option '${a}'`;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        const err = flag(c);
        if (err) return err;
      }
      continue;
    }
    o.operands.push(a);
  }
  return o;
}

/** How the image's tar words things: busybox (the default) or GNU tar (Debian-based images). */
class TarVoice {
  failed = false;
  private warnedSlash = false;
  constructor(private readonly ctx: CommandContext, readonly gnu: boolean) {}

  async error(gnu: string, busybox: string): Promise<void> {
    this.failed = true;
    await this.ctx.stderr.write(`tar: ${this.gnu ? gnu : busybox}\n`);
  }

  async leadingSlash(): Promise<void> {
    if (this.warnedSlash) return;
    this.warnedSlash = true;
    await this.ctx.stderr.write(this.gnu ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
  }

  /** The exit status: GNU tar ends with 2 and says so; busybox with 1. */
  async status(): Promise<number> {
    if (!this.failed) return 0;
    if (!this.gnu) return 1;
    await this.ctx.stderr.write('tar: Exiting with failure status due to previous errors\n');
    return 2;
  }
}

const tar: Command = async (ctx) => {
  const gnu = hasGnuUserland(ctx.shell.host.image);
  const parsed = parseTarArgs(ctx.argv.slice(1));
  if (typeof parsed === 'string') {
    await ctx.stderr.write(gnu ? `tar: ${parsed}\nTry 'tar --help' or 'tar --usage' for more information.\n` : `tar: ${parsed}\n`);
    return gnu ? 2 : 1;
  }
  const voice = new TarVoice(ctx, gnu);
  if (!parsed.mode) {
    await ctx.stderr.write(gnu ? "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: need to specify one of -c, -x or -t\n');
    return gnu ? 2 : 1;
  }
  const base = parsed.dir === undefined ? ctx.shell.cwd : ctx.shell.resolvePath(parsed.dir);
  if (parsed.dir !== undefined && !ctx.shell.host.vfs.isDir(base)) {
    await voice.error(`${parsed.dir}: Cannot open: No such file or directory`, `can't change directory to '${parsed.dir}': No such file or directory`);
    return voice.status();
  }
  if (parsed.mode === 'c') return create(ctx, parsed, base, voice);
  return extractOrList(ctx, parsed, base, voice);
};

/** Where `-f` points: stdout/stdin for `-`, else a file in the vfs (relative to the shell's directory, as tar opens it before -C). */
function archivePath(ctx: CommandContext, o: TarOptions): string | undefined {
  return o.file === '-' ? undefined : ctx.shell.resolvePath(o.file);
}

async function create(ctx: CommandContext, o: TarOptions, base: string, voice: TarVoice): Promise<number> {
  if (o.operands.length === 0) {
    await ctx.stderr.write(voice.gnu ? "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: empty archive\n');
    return voice.gnu ? 2 : 1;
  }
  const vfs = ctx.shell.host.vfs;
  const target = archivePath(ctx, o);
  const toStdout = target === undefined;
  // Busybox lists names on stderr when the archive itself goes to stdout; GNU tar too.
  const listing: Writer = o.verbose ? (toStdout ? ctx.stderr : ctx.stdout) : NULL_WRITER;
  const archive = pack();
  const chunks: Buffer[] = [];
  const output = (async () => {
    for await (const chunk of archive) {
      const bytes = chunk as Buffer;
      if (toStdout && !o.gzip) await ctx.stdout.write(bytes);
      else chunks.push(bytes);
    }
  })();
  const add = async (name: string, node: VfsNode): Promise<void> => {
    if (ctx.signal.aborted) return;
    await listing.write(`${name}${node.kind === 'dir' ? '/' : ''}\n`);
    const header: Header = { ...headerDefaults(), name: node.kind === 'dir' ? `${name}/` : name, mode: modeBits(node.mode), mtime: node.mtime, type: node.kind === 'dir' ? 'directory' : 'file', size: node.kind === 'file' ? node.data.length : 0 };
    await new Promise<void>((resolve, reject) => archive.entry(header, node.kind === 'file' ? node.data : Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
    if (node.kind === 'dir') for (const [child, childNode] of [...node.children].sort(([a], [b]) => (a < b ? -1 : 1))) await add(`${name}/${child}`, childNode);
  };
  for (const operand of o.operands) {
    const path = operand.startsWith('/') ? operand : `${base}/${operand}`;
    const node = vfs.lookup(ctx.shell.resolvePath(path));
    if (!node) {
      await voice.error(`${operand}: Cannot stat: No such file or directory`, `${operand}: No such file or directory`);
      continue;
    }
    let name = operand.replace(/\/+$/, '') || '/';
    if (name.startsWith('/')) {
      await voice.leadingSlash();
      name = name.replace(/^\/+/, '') || '.';
    }
    await add(name, node);
  }
  archive.finalize();
  await output;
  if (o.gzip || !toStdout) {
    const bytes = o.gzip ? gzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
    if (toStdout) await ctx.stdout.write(bytes);
    else {
      try {
        vfs.writeFile(target, bytes);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        await voice.error(`${o.file}: Cannot open: ${e.reason}`, `can't open '${o.file}': ${e.reason}`);
      }
    }
  }
  return voice.status();
}

function headerDefaults(): Omit<Header, 'name' | 'mode' | 'mtime' | 'type' | 'size'> {
  return { linkname: '', uid: 0, gid: 0, uname: 'root', gname: 'root', devmajor: 0, devminor: 0 };
}

async function extractOrList(ctx: CommandContext, o: TarOptions, base: string, voice: TarVoice): Promise<number> {
  const vfs = ctx.shell.host.vfs;
  const source = archivePath(ctx, o);
  let input: AsyncIterable<Buffer>;
  if (source !== undefined) {
    let bytes: Buffer;
    try {
      bytes = vfs.readBytes(source);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      await voice.error(`${o.file}: Cannot open: ${e.reason}`, `can't open '${o.file}': ${e.reason}`);
      return voice.status();
    }
    input = (async function* () {
      yield bytes;
    })();
  } else input = stdinChunks(ctx);
  if (o.gzip) {
    const all: Buffer[] = [];
    for await (const c of input) all.push(c);
    let plain: Buffer;
    try {
      plain = gunzipSync(Buffer.concat(all));
    } catch (err) {
      // zlib's errors carry a code (Z_DATA_ERROR, Z_BUF_ERROR): not gzip data, or cut short.
      if (!(err instanceof Error && 'code' in err)) throw err;
      await voice.error('Child returned status 1', 'invalid gzip magic');
      return voice.status();
    }
    input = (async function* () {
      yield plain;
    })();
  }

  const reader = extract();
  let failure: Error | undefined;
  const done = new Promise<void>((resolve) => {
    reader.on('error', (err: Error) => {
      failure = err;
      resolve();
    });
    reader.on('finish', () => resolve());
  });
  const entries = (async () => {
    for await (const entry of reader) {
      const parts: Buffer[] = [];
      for await (const chunk of entry) parts.push(chunk as Buffer);
      if (voice.failed && !voice.gnu) continue; // busybox stops at its first error; the rest is drained
      await handleEntry(ctx, o, base, voice, entry.header, Buffer.concat(parts));
    }
  })().catch((err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
  });
  for await (const chunk of input) {
    if (failure) break;
    if (!reader.write(chunk)) await new Promise<void>((resolve) => reader.once('drain', () => resolve()));
  }
  if (!failure) reader.end(undefined);
  await done;
  await entries;
  if (failure) await voice.error('This does not look like a tar archive', failure.message.includes('header') ? 'invalid tar magic' : 'short read');
  return voice.status();
}

async function* stdinChunks(ctx: CommandContext): AsyncGenerator<Buffer> {
  for (;;) {
    const chunk = await ctx.stdin.readBytes(ctx.signal);
    if (chunk === null) return;
    yield chunk;
  }
}

async function handleEntry(ctx: CommandContext, o: TarOptions, base: string, voice: TarVoice, header: Header, data: Buffer): Promise<void> {
  let name = header.name;
  if (name.startsWith('/')) {
    await voice.leadingSlash();
    name = name.replace(/^\/+/, '');
  }
  if (o.mode === 't') {
    await ctx.stdout.write(o.verbose ? `${longListing(header, voice.gnu)}\n` : `${header.name}\n`);
    return;
  }
  if (o.verbose) await ctx.stdout.write(`${header.name}\n`);
  // Members may not climb out of the target directory (GNU tar strips `../`, busybox refuses).
  if (name.split('/').includes('..')) {
    await voice.error(`${header.name}: Member name contains '..'`, `skipping ${header.name}: path with '..'`);
    return;
  }
  const path = ctx.shell.resolvePath(`${base}/${name}`);
  if (path === base && header.type === 'directory') return;
  const vfs = ctx.shell.host.vfs;
  const mtime = o.touch ? new Date() : header.mtime;
  try {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!vfs.isDir(parent)) vfs.mkdir(parent, { parents: true });
    if (header.type === 'directory') {
      const existing = vfs.lookup(path);
      if (existing?.kind === 'dir') {
        existing.mode = modeString('dir', header.mode);
        existing.mtime = mtime;
      } else vfs.mkdir(path, { mode: modeString('dir', header.mode), mtime });
    } else if (header.type === 'file' || header.type === 'contiguous-file') {
      vfs.writeFile(path, data, { mode: modeString('file', header.mode), mtime });
    } else if (header.type === 'link') {
      // A hard link: the vfs has no links, so the member becomes a copy of the file it names.
      vfs.writeFile(path, vfs.readBytes(ctx.shell.resolvePath(`${base}/${header.linkname.replace(/^\/+/, '')}`)), { mode: modeString('file', header.mode), mtime });
    } else {
      await voice.error(`${header.name}: Cannot create ${header.type}: Operation not supported`, `can't create ${header.type} '${header.name}': Operation not supported`);
    }
  } catch (e) {
    if (!(e instanceof VfsError)) throw e;
    await voice.error(`${name}: Cannot open: ${e.reason}`, `can't open '${name}': ${e.reason}`);
  }
}

/** `tar tv`: busybox `-rw-r--r-- root/root 12 2024-01-01 10:00:00 name`, GNU with a minute-precision time. */
function longListing(h: Header, gnu: boolean): string {
  const d = h.mtime;
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const mode = modeString(h.type === 'directory' ? 'dir' : 'file', h.mode);
  const owner = `${h.uname || h.uid}/${h.gname || h.gid}`;
  return gnu
    ? `${mode} ${owner} ${String(h.size).padStart(Math.max(1, 19 - owner.length))} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${h.name}`
    : `${mode} ${owner} ${String(h.size).padStart(9)} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h.name}`;
}

export const ARCHIVE_COMMANDS: Record<string, Command> = { tar };
