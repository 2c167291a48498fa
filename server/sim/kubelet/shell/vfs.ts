/**
 * A container's filesystem, in memory. Paths are POSIX; there are no permissions or
 * links beyond a `readOnly` flag per node (mounted configMaps and secrets are read-only,
 * as in a real pod).
 */
export interface FileNode {
  kind: 'file';
  content: string;
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

  readFile(path: string): string {
    const node = this.lookup(path);
    if (!node) throw new VfsError(path, 'No such file or directory');
    if (node.kind === 'dir') throw new VfsError(path, 'Is a directory');
    return node.content;
  }

  /** Create or replace (or append to) a file; the parent directory must exist unless `parents`. */
  writeFile(path: string, content: string, opts: { append?: boolean; parents?: boolean; readOnly?: boolean; force?: boolean } = {}): void {
    const { dir, name } = this.parentOf(path, opts.parents ?? false);
    if (!opts.force && dir.readOnly) throw new VfsError(path, 'Read-only file system');
    const existing = dir.children.get(name);
    if (existing?.kind === 'dir') throw new VfsError(path, 'Is a directory');
    if (existing && existing.readOnly && !opts.force) throw new VfsError(path, 'Read-only file system');
    const next = opts.append && existing ? existing.content + content : content;
    dir.children.set(name, { kind: 'file', content: next, mode: '-rw-r--r--', readOnly: opts.readOnly, mtime: new Date() });
  }

  mkdir(path: string, opts: { parents?: boolean; readOnly?: boolean } = {}): void {
    if (path === '/') return;
    const existing = this.lookup(path);
    if (existing) {
      if (opts.parents && existing.kind === 'dir') return;
      throw new VfsError(path, 'File exists');
    }
    const { dir, name } = this.parentOf(path, opts.parents ?? false);
    dir.children.set(name, { kind: 'dir', children: new Map(), mode: 'drwxr-xr-x', readOnly: opts.readOnly, mtime: new Date() });
  }

  /** Mount an existing directory node at `path` (a volume shared between a pod's containers). */
  attach(path: string, node: DirNode): void {
    const { dir, name } = this.parentOf(path, true);
    dir.children.set(name, node);
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
