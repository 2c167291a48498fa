/** Shell built-ins: the commands that change or query the shell itself. */
import { VfsError } from './vfs.ts';
import { ExecRequest, ExitRequest, LoopControl, ReturnRequest, type Command, type CommandContext } from './interpreter.ts';

const cd: Command = async ({ argv, shell, stderr }) => {
  const target = argv[1] === undefined ? (shell.vars.get('HOME') ?? '/root') : argv[1] === '-' ? (shell.vars.get('OLDPWD') ?? shell.cwd) : argv[1];
  const path = shell.resolvePath(target);
  const node = shell.host.vfs.lookup(path);
  if (!node || node.kind !== 'dir') {
    const why = node ? 'Not a directory' : 'No such file or directory';
    await stderr.write(shell.kind === 'bash' ? `bash: cd: ${target}: ${why}\n` : `sh: cd: can't cd to ${target}: ${why}\n`);
    return shell.kind === 'bash' ? 1 : 2;
  }
  shell.vars.set('OLDPWD', shell.cwd);
  shell.cwd = path;
  shell.setExported('PWD', path);
  return 0;
};

const pwd: Command = ({ shell, stdout }) => stdoutLine(stdout, shell.cwd);

const exportCmd: Command = async ({ argv, shell, stdout }) => {
  if (argv.length === 1 || argv[1] === '-p') {
    const lines = [...shell.exported].sort().map((k) => (shell.kind === 'bash' ? `declare -x ${k}="${shell.vars.get(k) ?? ''}"` : `export ${k}='${shell.vars.get(k) ?? ''}'`));
    await stdout.write(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) shell.setExported(a.slice(0, eq), a.slice(eq + 1));
    else shell.exported.add(a);
  }
  return 0;
};

const unset: Command = ({ argv, shell }) => {
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    shell.vars.delete(a);
    shell.exported.delete(a);
  }
  return 0;
};

const exit: Command = async ({ argv, shell, stderr }) => {
  if (argv[1] !== undefined && !/^-?\d+$/.test(argv[1])) {
    await stderr.write(`${shell.name}: exit: ${shell.kind === 'bash' ? `${argv[1]}: numeric argument required` : `Illegal number: ${argv[1]}`}\n`);
    throw new ExitRequest(2);
  }
  throw new ExitRequest(argv[1] === undefined ? shell.status : ((Number(argv[1]) % 256) + 256) % 256);
};

const exec: Command = async ({ argv, shell, stderr }) => {
  const rest = argv.slice(1);
  if (rest.length === 0) return 0;
  if (!shell.commands.find(rest[0], shell.host.image, shell.kind)) {
    await stderr.write(shell.kind === 'bash' ? `bash: line 1: exec: ${rest[0]}: not found\n` : `sh: exec: ${rest[0]}: not found\n`);
    throw new ExitRequest(127);
  }
  throw new ExecRequest(rest);
};

const command: Command = async ({ argv, shell, stdout, stdin, stderr, signal, tty }) => {
  const verbose = argv[1] === '-v' || argv[1] === '-V';
  if (!verbose) return argv.length > 1 ? shell.runArgv(argv.slice(1), { stdin, stdout, stderr, signal, tty }) : 0;
  let status = 0;
  for (const name of argv.slice(2)) {
    const found = shell.commands.find(name, shell.host.image, shell.kind);
    if (!found) {
      status = 1;
      continue;
    }
    await stdout.write(`${found.location}\n`);
  }
  return status;
};

const type: Command = async ({ argv, shell, stdout, stderr }) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const found = shell.commands.find(name, shell.host.image, shell.kind);
    if (!found) {
      await stderr.write(`${shell.name}: type: ${name}: not found\n`);
      status = 1;
    } else await stdout.write(found.builtin ? `${name} is a shell builtin\n` : `${name} is ${found.location}\n`);
  }
  return status;
};

const read: Command = async ({ argv, shell, stdin, signal }) => {
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  let line = '';
  for (;;) {
    const chunk = await stdin.read(signal);
    if (chunk === null) {
      if (!line) return 1;
      break;
    }
    const nl = chunk.indexOf('\n');
    if (nl >= 0) {
      line += chunk.slice(0, nl);
      stdin.unshift(chunk.slice(nl + 1));
      break;
    }
    line += chunk;
  }
  const parts = line.trim().split(/\s+/);
  names.forEach((n, i) => shell.vars.set(n, i === names.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '')));
  if (names.length === 0) shell.vars.set('REPLY', line);
  return 0;
};

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|e|a|0[0-7]{0,3}|c)/g, (_m, c: string) => {
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'r') return '\r';
    if (c === 'e') return '\x1b';
    if (c === 'a') return '\x07';
    if (c === '\\') return '\\';
    if (c === 'c') return '';
    return String.fromCharCode(parseInt(c, 8) || 0);
  });
}

const echo: Command = async ({ argv, stdout, shell }) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = shell.kind !== 'bash';
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    if (args[0].includes('E')) escapes = false;
    args = args.slice(1);
  }
  const text = args.join(' ');
  await stdout.write((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
  return 0;
};

const printf: Command = async ({ argv, stdout, stderr }) => {
  if (argv.length < 2) {
    await stderr.write('printf: usage: printf format [arguments]\n');
    return 2;
  }
  const format = unescape(argv[1]);
  const args = argv.slice(2);
  let out = '';
  let i = 0;
  do {
    out += format.replace(/%(-?\d*)(\.\d+)?([sdifx%c])/g, (_m, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[i++] ?? '';
      let s: string;
      if (conv === 'd' || conv === 'i') s = String(Math.trunc(Number(arg) || 0));
      else if (conv === 'f') s = (Number(arg) || 0).toFixed(prec ? Number(prec.slice(1)) : 6);
      else if (conv === 'x') s = (Math.trunc(Number(arg) || 0)).toString(16);
      else if (conv === 'c') s = arg.slice(0, 1);
      else s = prec ? arg.slice(0, Number(prec.slice(1))) : arg;
      const w = Math.abs(Number(width) || 0);
      return width.startsWith('-') ? s.padEnd(w) : s.padStart(w);
    });
  } while (i > 0 && i < args.length);
  await stdout.write(out);
  return 0;
};

function testExpr(args: string[], ctx: CommandContext): boolean {
  if (args[0] === '!') return !testExpr(args.slice(1), ctx);
  const fs = ctx.shell.host.vfs;
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, a] = args;
    const path = () => ctx.shell.resolvePath(a);
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-e': return fs.exists(path());
      case '-f': return fs.lookup(path())?.kind === 'file';
      case '-d': return fs.isDir(path());
      case '-s': { const n = fs.lookup(path()); return n?.kind === 'file' && n.data.length > 0; }
      case '-r': case '-x': return fs.exists(path());
      case '-w': { const n = fs.lookup(path()); return !!n && !n.readOnly; }
      default: return false;
    }
  }
  const [a, op, b] = args;
  const an = Number(a);
  const bn = Number(b);
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '-eq': return an === bn;
    case '-ne': return an !== bn;
    case '-lt': return an < bn;
    case '-le': return an <= bn;
    case '-gt': return an > bn;
    case '-ge': return an >= bn;
    default: return false;
  }
}

const test: Command = (ctx) => {
  let args = ctx.argv.slice(1);
  if (ctx.argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      void ctx.stderr.write(`${ctx.shell.name}: [: missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  // `-a` / `-o` join simple expressions.
  const orParts = splitOn(args, '-o');
  return orParts.some((part) => splitOn(part, '-a').every((p) => testExpr(p, ctx))) ? 0 : 1;
};

function splitOn(args: string[], sep: string): string[][] {
  const out: string[][] = [[]];
  for (const a of args) {
    if (a === sep) out.push([]);
    else out[out.length - 1].push(a);
  }
  return out;
}

async function stdoutLine(stdout: CommandContext['stdout'], line: string): Promise<number> {
  await stdout.write(line + '\n');
  return 0;
}

const loopControl = (kind: 'break' | 'continue'): Command => async ({ argv, shell, stderr }) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 1) {
    await stderr.write(`${shell.name}: ${kind}: Illegal number: ${argv[1]}\n`);
    return 2;
  }
  throw new LoopControl(kind, n);
};

const returnCmd: Command = ({ argv, shell }) => {
  throw new ReturnRequest(argv[1] === undefined ? shell.status : ((Number(argv[1]) % 256) + 256) % 256);
};

const shift: Command = async ({ argv, shell, stderr }) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > shell.positional.length - 1) {
    await stderr.write(`${shell.name}: shift: can't shift that many\n`);
    return 2;
  }
  shell.positional = [shell.positional[0], ...shell.positional.slice(1 + n)];
  return 0;
};

/** `set -e`, `set +e`, `set -o errexit`, `set -- args`; with no operands, the variables. */
const set: Command = async ({ argv, shell, stdout }) => {
  if (argv.length === 1) {
    await stdout.write([...shell.vars].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}='${v.replace(/'/g, `'"'"'`)}'\n`).join(''));
    return 0;
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      shell.positional = [shell.positional[0], ...argv.slice(i + 1)];
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const name = argv[++i];
      const flag = name === 'errexit' ? 'e' : name === 'nounset' ? 'u' : name === 'xtrace' ? 'x' : undefined;
      if (flag && a === '-o') shell.options.add(flag);
      else if (flag) shell.options.delete(flag);
      continue;
    }
    if (/^[-+][a-z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (a.startsWith('-')) shell.options.add(f);
        else shell.options.delete(f);
      }
      continue;
    }
    shell.positional = [shell.positional[0], ...argv.slice(i)];
    return 0;
  }
  return 0;
};

/** `local x=1`: a variable for the rest of the function (ash scopes it dynamically; here it stays set). */
const local: Command = ({ argv, shell }) => {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) shell.vars.set(a.slice(0, eq), a.slice(eq + 1));
    else if (!shell.vars.has(a)) shell.vars.set(a, '');
  }
  return 0;
};

const evalCmd: Command = ({ argv, shell, stdin, stdout, stderr, signal, tty }) => shell.run(argv.slice(1).join(' '), { stdin, stdout, stderr, signal, tty });

const source: Command = async ({ argv, shell, stdin, stdout, stderr, signal, tty }) => {
  if (argv[1] === undefined) return 0;
  let text: string;
  try {
    text = shell.host.vfs.readFile(shell.resolvePath(argv[1]));
  } catch (e) {
    if (!(e instanceof VfsError)) throw e;
    await stderr.write(`${shell.name}: .: can't open '${argv[1]}'\n`);
    return 2;
  }
  return shell.run(text, { stdin, stdout, stderr, signal, tty });
};

export const BUILTINS: Record<string, Command> = {
  cd,
  pwd,
  export: exportCmd,
  unset,
  exit,
  exec,
  command,
  type,
  read,
  echo,
  printf,
  test,
  '[': test,
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  set,
  break: loopControl('break'),
  continue: loopControl('continue'),
  return: returnCmd,
  shift,
  local,
  eval: evalCmd,
  '.': source,
  source,
};
