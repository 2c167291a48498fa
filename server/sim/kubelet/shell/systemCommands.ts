/** Programs about the process and its surroundings: ps, env, sleep, seq, stty, date, uname... */
import { hasGnuUserland } from '../images.ts';
import type { Command } from './interpreter.ts';

const KERNEL = { release: '6.8.0-45-generic', version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024', machine: 'x86_64' };
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Seq writes in chunks of about this many bytes, awaiting the consumer between chunks. */
const SEQ_CHUNK = 64 * 1024;

const sleep: Command = async ({ argv, shell, signal, stderr }) => {
  const arg = argv[1];
  if (arg === undefined) {
    await stderr.write('sleep: missing operand\n');
    return 1;
  }
  const m = /^(\d*\.?\d+)([smhd]?)$/.exec(arg);
  const seconds = arg === 'infinity' ? 1e9 : m ? Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1) : NaN;
  if (Number.isNaN(seconds)) {
    await stderr.write(`sleep: invalid number '${arg}'\n`);
    return 1;
  }
  const completed = await shell.host.sleep(seconds * 1000, signal);
  return completed ? 0 : 130;
};

const seq: Command = async ({ argv, stdout, stderr, signal }) => {
  const nums = argv.slice(1).map(Number);
  if (nums.length === 0 || nums.some(Number.isNaN)) {
    await stderr.write(nums.length === 0 ? 'seq: missing operand\n' : `seq: invalid floating point argument: '${argv.find((a, i) => i > 0 && Number.isNaN(Number(a)))}'\n`);
    return 1;
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
  if (step === 0) return 1;
  let chunk = '';
  for (let i = first; step > 0 ? i <= last : i >= last; i += step) {
    chunk += i + '\n';
    if (chunk.length >= SEQ_CHUNK) {
      if (signal.aborted) return 130;
      await stdout.write(chunk);
      chunk = '';
    }
  }
  if (chunk) await stdout.write(chunk);
  return signal.aborted ? 130 : 0;
};

const stty: Command = async ({ argv, tty, stdout, stderr }) => {
  if (!tty) {
    await stderr.write('stty: standard input: Not a tty\n');
    return 1;
  }
  if (argv[1] === 'size') await stdout.write(`${tty.rows} ${tty.cols}\n`);
  else if (argv[1] === '-a') await stdout.write(`speed 38400 baud; rows ${tty.rows}; columns ${tty.cols}; line = 0;\n`);
  return 0;
};

const env: Command = async ({ argv, shell, stdout, stderr, stdin, signal, tty }) => {
  let i = 1;
  const extra: Record<string, string> = {};
  if (argv[i] === '-i') i++;
  for (; i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]); i++) {
    const eq = argv[i].indexOf('=');
    extra[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
  }
  if (i < argv.length) {
    const saved = new Map<string, string | undefined>();
    for (const [k, v] of Object.entries(extra)) {
      saved.set(k, shell.vars.get(k));
      shell.setExported(k, v);
    }
    try {
      if (!shell.commands.find(argv[i], shell.host.image, shell.kind)) {
        await stderr.write(`env: '${argv[i]}': No such file or directory\n`);
        return 127;
      }
      return await shell.runArgv(argv.slice(i), { stdin, stdout, stderr, signal, tty });
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) shell.vars.delete(k);
        else shell.vars.set(k, v);
      }
    }
  }
  const all = { ...(argv[1] === '-i' ? {} : shell.environment()), ...extra };
  await stdout.write(Object.entries(all).map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
};

const printenv: Command = async ({ argv, shell, stdout }) => {
  const envs = shell.environment();
  if (argv.length === 1) {
    await stdout.write(Object.entries(envs).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  const found = argv.slice(1).filter((k) => envs[k] !== undefined);
  await stdout.write(found.map((k) => envs[k] + '\n').join(''));
  return found.length === argv.length - 1 ? 0 : 1;
};

const ps: Command = async ({ shell, stdout }) => {
  const rows = shell.host.processes().map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8)}  0:00 ${p.command}`);
  await stdout.write(['PID   USER     TIME  COMMAND', ...rows].join('\n') + '\n');
  return 0;
};

function formatDate(d: Date, format: string | undefined): string {
  if (!format) {
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
  }
  return format.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return two(d.getUTCMonth() + 1);
      case 'd': return two(d.getUTCDate());
      case 'H': return two(d.getUTCHours());
      case 'M': return two(d.getUTCMinutes());
      case 'S': return two(d.getUTCSeconds());
      case 's': return String(Math.floor(d.getTime() / 1000));
      case 'T': return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
      case 'Z': return 'UTC';
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[d.getUTCMonth()];
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

const date: Command = async ({ argv, stdout }) => {
  const fmt = argv.slice(1).find((a) => a.startsWith('+'));
  await stdout.write(formatDate(new Date(), fmt?.slice(1)) + '\n');
  return 0;
};

const uname: Command = async ({ argv, shell, stdout }) => {
  const flags = argv.slice(1).join('').replace(/-/g, '');
  const gnu = hasGnuUserland(shell.host.image);
  const parts: Record<string, string> = { s: 'Linux', n: shell.host.hostname, r: KERNEL.release, v: KERNEL.version, m: KERNEL.machine, o: gnu ? 'GNU/Linux' : 'Linux' };
  const order = flags.includes('a') ? ['s', 'n', 'r', 'v', 'm', 'o'] : [...'snrvmo'].filter((f) => flags.includes(f));
  await stdout.write((order.length ? order : ['s']).map((f) => parts[f]).join(' ') + '\n');
  return 0;
};

const clear: Command = async ({ stdout }) => {
  await stdout.write('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

const which: Command = async ({ argv, shell, stdout }) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const found = shell.commands.find(name, shell.host.image, undefined);
    if (found) await stdout.write(found.location + '\n');
    else status = 1;
  }
  return status;
};

const line = (text: string): Command => async ({ stdout }) => {
  await stdout.write(text + '\n');
  return 0;
};

export const SYSTEM_COMMANDS: Record<string, Command> = {
  sleep,
  seq,
  stty,
  env,
  printenv,
  ps,
  date,
  uname,
  clear,
  which,
  hostname: async (ctx) => line(ctx.shell.host.hostname)(ctx),
  whoami: line('root'),
  id: line('uid=0(root) gid=0(root) groups=0(root)'),
  nproc: line('4'),
  tty: async (ctx) => {
    if (!ctx.tty) {
      await ctx.stdout.write('not a tty\n');
      return 1;
    }
    return line('/dev/pts/0')(ctx);
  },
};
