/**
 * Redirections (XCU 2.7): `<`, `>`, `>>`, `<>`, `2>&1`-style duplication and here-documents,
 * applied to a command's streams. Files are written through as the command writes, into
 * the container's vfs; /dev/null, /dev/stdout and /dev/stderr are the streams themselves.
 */
import type { Redirect } from './ast.ts';
import { expand } from './expansion.ts';
import type { RunIO, ShellState as Shell } from './shellState.ts';
import { NULL_WRITER, StdinQueue, type Writer } from './io.ts';
import { VfsError } from './vfs.ts';

/** Apply redirections to io. Files are written through as the command writes. A number: it failed (the status). */
export async function redirect(shell: Shell, redirects: Redirect[], io: RunIO): Promise<RunIO | number> {
  let { stdin, stdout, stderr } = io;
  for (const r of redirects) {
    if (r.op === '<<') {
      const text = (await expand(shell, r.heredoc ?? [], io, false)).join('');
      if (r.fd === 0) stdin = new StdinQueue(text, true);
      continue;
    }
    const target = (await expand(shell, r.target, io, false)).join('');
    if (r.op === '>&' || r.op === '<&') {
      const w = target === '1' ? stdout : target === '2' ? stderr : undefined;
      if (w && r.fd === 1) stdout = w;
      else if (w && r.fd === 2) stderr = w;
      continue;
    }
    if (r.op === '<' || r.op === '<>') {
      try {
        if (r.fd === 0) stdin = new StdinQueue(shell.host.vfs.readBytes(shell.resolvePath(target)), true);
      } catch (e) {
        await io.stderr.write(`${shell.name}: can't open ${target}: ${e instanceof VfsError ? e.reason : 'error'}\n`);
        return 1;
      }
      continue;
    }
    let w: Writer;
    if (target === '/dev/null') w = NULL_WRITER;
    else if (target === '/dev/stdout') w = io.stdout;
    else if (target === '/dev/stderr') w = io.stderr;
    else {
      const path = shell.resolvePath(target);
      try {
        shell.host.vfs.writeFile(path, '', { append: true });
        if (r.op !== '>>') shell.host.vfs.writeFile(path, '');
      } catch (e) {
        await io.stderr.write(`${shell.name}: can't create ${target}: ${e instanceof VfsError ? e.reason : 'error'}\n`);
        return 1;
      }
      const vfs = shell.host.vfs;
      w = { write: (data) => vfs.writeFile(path, data, { append: true }) };
    }
    if (r.fd === 2) stderr = w;
    else if (r.fd === 1) stdout = w;
  }
  return { ...io, stdin, stdout, stderr };
}
