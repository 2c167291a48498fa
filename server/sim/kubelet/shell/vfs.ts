/**
 * A container's filesystem, in memory. Paths are POSIX; there are no permissions or
 * links beyond a `readOnly` flag per node (mounted configMaps and secrets are read-only,
 * as in a real pod).
 */
export interface FileNode {
  kind: 'file';
  /** The file's bytes (a view: appends may grow it in place, see Vfs.writeFile). */
  data: Buffer;
  mode: string;
  readOnly?: boolean;
  mtime: Date;
}

export interface DirNode {
  kind: 'dir';
  children: Map<string, VfsNode>;
  mode: string;
  readOnly?: boolean;
  mtime: Date;
}

export type VfsNode = FileNode | DirNode;

export class VfsError extends Error {
  constructor(readonly path: string, readonly reason: 'No such file or directory' | 'Is a directory' | 'Not a directory' | 'File exists' | 'Read-only file system' | 'Directory not empty') {
    super(`${path}: ${reason}`);
  }
}

/** Spare room behind each file's bytes, for appends (a WeakMap: the node stays a plain object). */
const capacity = new WeakMap<ArrayBufferLike, number>();

/**
 * `data` followed by `more`: written into the spare room behind `data` when it ends its
 * backing buffer's used part, else copied into a new buffer with room to grow.
 */
function appendBytes(data: Buffer, more: Buffer): Buffer {
  const used = data.byteOffset + data.length;
  const room = capacity.get(data.buffer);
  if (room !== undefined && room === used && data.buffer.byteLength - used >= more.length) {
    more.copy(Buffer.from(data.buffer, used, more.length));
    capacity.set(data.buffer, used + more.length);
    return Buffer.from(data.buffer, data.byteOffset, data.length + more.length);
  }
  const size = data.length + more.length;
  const backing = new ArrayBuffer(Math.max(256, size * 2));
  const grown = Buffer.from(backing, 0, size);
  data.copy(grown);
  more.copy(grown, data.length);
  capacity.set(backing, size);
  return grown;
}

/** The permission bits of an `ls -l` mode string (`-rw-r--r--` → 0o644). */
export function modeBits(mode: string): number {
  let bits = 0;
  for (let i = 1; i <= 9; i++) if (mode[i] !== undefined && mode[i] !== '-' && mode[i] !== 'S' && mode[i] !== 'T') bits |= 1 << (9 - i);
  return bits;
}

/** An `ls -l` mode string from permission bits (0o755 → `drwxr-xr-x` for a directory). */
export function modeString(kind: 'file' | 'dir', bits: number): string {
  let out = kind === 'dir' ? 'd' : '-';
  for (let i = 8; i >= 0; i--) out += bits & (1 << i) ? 'rwx'[(8 - i) % 3] : '-';
  return out;
}

export function normalizePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (!p || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

export class Vfs {
  private readonly root: DirNode = { kind: 'dir', children: new Map(), mode: 'drwxr-xr-x', mtime: new Date() };

  lookup(path: string): VfsNode | undefined {
    let node: VfsNode = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return undefined;
      const next: VfsNode | undefined = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.lookup(path)?.kind === 'dir';
  }

  /** A file's content as text (UTF-8). */
  readFile(path: string): string {
    return this.readBytes(path).toString('utf8');
  }

  /** A file's content as the bytes it holds. */
  readBytes(path: string): Buffer {
    const node = this.lookup(path);
    if (!node) throw new VfsError(path, 'No such file or directory');
    if (node.kind === 'dir') throw new VfsError(path, 'Is a directory');
    return node.data;
  }

  /**
   * Create or replace (or append to) a file; the parent directory must exist unless `parents`.
   * Appending keeps the file's node (its mode stays) and grows it with spare room, so a loop
   * writing line by line through `>` costs linear time, not quadratic.
   */
  writeFile(path: string, content: string | Uint8Array, opts: { append?: boolean; parents?: boolean; readOnly?: boolean; force?: boolean; mode?: string; mtime?: Date } = {}): void {
    const { dir, name } = this.parentOf(path, opts.parents ?? false);
    if (!opts.force && dir.readOnly) throw new VfsError(path, 'Read-only file system');
    const existing = dir.children.get(name);
    if (existing?.kind === 'dir') throw new VfsError(path, 'Is a directory');
    if (existing && existing.readOnly && !opts.force) throw new VfsError(path, 'Read-only file system');
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    if (opts.append && existing) {
      existing.data = appendBytes(existing.data, bytes);
      existing.mtime = opts.mtime ?? new Date();
      return;
    }
    const data = Buffer.allocUnsafe(bytes.length);
    bytes.copy(data);
    dir.children.set(name, { kind: 'file', data, mode: opts.mode ?? existing?.mode ?? '-rw-r--r--', readOnly: opts.readOnly, mtime: opts.mtime ?? new Date() });
  }

  mkdir(path: string, opts: { parents?: boolean; readOnly?: boolean; mode?: string; mtime?: Date } = {}): void {
    if (path === '/') return;
    const existing = this.lookup(path);
    if (existing) {
      if (opts.parents && existing.kind === 'dir') return;
      throw new VfsError(path, 'File exists');
    }
    const { dir, name } = this.parentOf(path, opts.parents ?? false);
    dir.children.set(name, { kind: 'dir', children: new Map(), mode: opts.mode ?? 'drwxr-xr-x', readOnly: opts.readOnly, mtime: opts.mtime ?? new Date() });
  }

  /** Where volumes were attached (`df` lists them as mounts). */
  readonly volumeMounts: string[] = [];

  /** Mount an existing directory node at `path` (a volume shared between a pod's containers). */
  attach(path: string, node: DirNode): void {
    const { dir, name } = this.parentOf(path, true);
    dir.children.set(name, node);
    this.volumeMounts.push(path);
  }

  /** Bytes held by the files under `path`, the 4 KiB blocks they fill, and how many files and directories there are. */
  usage(path: string): { bytes: number; blocks: number; files: number; dirs: number } {
    const total = { bytes: 0, blocks: 0, files: 0, dirs: 0 };
    const walk = (node: VfsNode) => {
      if (node.kind === 'file') {
        total.bytes += node.data.length;
        total.blocks += Math.ceil(node.data.length / 4096);
        total.files++;
        return;
      }
      total.dirs++;
      for (const child of node.children.values()) walk(child);
    };
    const node = this.lookup(path);
    if (node) walk(node);
    return total;
  }

  remove(path: string, recursive: boolean): void {
    const node = this.lookup(path);
    if (!node || path === '/') throw new VfsError(path, 'No such file or directory');
    if (node.kind === 'dir' && !recursive) throw new VfsError(path, 'Is a directory');
    const { dir, name } = this.parentOf(path, false);
    if (dir.readOnly || node.readOnly) throw new VfsError(path, 'Read-only file system');
    dir.children.delete(name);
  }

  list(path: string): [string, VfsNode][] {
    const node = this.lookup(path);
    if (!node) throw new VfsError(path, 'No such file or directory');
    if (node.kind === 'file') return [[path.split('/').pop() ?? path, node]];
    return [...node.children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private parentOf(path: string, parents: boolean): { dir: DirNode; name: string } {
    const parts = path.split('/').filter(Boolean);
    const name = parts.pop();
    if (!name) throw new VfsError(path, 'File exists');
    let dir: DirNode = this.root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (!next && parents) {
        next = { kind: 'dir', children: new Map(), mode: 'drwxr-xr-x', mtime: new Date() };
        dir.children.set(part, next);
      }
      if (!next) throw new VfsError(path, 'No such file or directory');
      if (next.kind !== 'dir') throw new VfsError(path, 'Not a directory');
      dir = next;
    }
    return { dir, name };
  }
}
