/**
 * `top`, as busybox 1.36 prints it: the Mem, CPU and Load average lines, then one row per
 * process (PID PPID USER STAT VSZ %VSZ CPU %CPU COMMAND), sorted by CPU use and then by VSZ.
 * `-b` is batch mode (plain text, every process, frames end with a newline); without it each
 * frame clears the screen, the column header is in reverse video and the rows fit the
 * terminal. `-n N` stops after N frames, `-d SECONDS` sets the delay (5 by default); `q` or
 * ^C typed at the terminal ends it. The simulated processes use no CPU, so every %CPU is 0.
 */
import type { Command } from './interpreter.ts';
import type { ProcessInfo } from './io.ts';

/** The node's memory in kB (16 GB: the pod token volume's tmpfs, half of it, is 8029024K in df). */
const MEM_TOTAL_KB = 16_058_048;
const MEM_FREE_KB = 11_052_140;
const MEM_SHARED_KB = 4_116;
const MEM_BUFFERS_KB = 246_180;
const MEM_CACHED_KB = 3_286_612;
/** The node's CPUs, as `nproc` reports. */
const CPUS = 4;
/** Busybox caps its line buffer at 448 bytes: batch mode lines are cut at 446 characters. */
const BATCH_WIDTH = 446;
/** Keys that end interactive top: q, and ^C and ^D (the terminal is raw, so they arrive as bytes). */
const QUIT_KEYS = new Set(['q', 'Q', '\x03', '\x04']);

/** Virtual size in kB of a process, by program: busybox applets are one small binary. */
const VSZ_KB: Record<string, number> = { nginx: 11_412, postgres: 215_716, 'redis-server': 54_096, python3: 25_960, node: 1_015_744, bash: 4_612 };
const BUSYBOX_VSZ_KB = 4_388;

function vszOf(command: string): number {
  const program = (command.split(' ')[0] ?? '').split('/').pop() ?? '';
  return VSZ_KB[program] ?? BUSYBOX_VSZ_KB;
}

/** Busybox's smart_ulltoa5: five characters; kB up to 99999, then scaled by 1024 as `92.1m`, ` 991m`, `1234m`, `1.2g`... */
function vszText(kb: number): string {
  if (kb <= 99_999) return String(kb).padStart(5);
  let tenths = kb * 10;
  let unit = 0;
  do {
    tenths = Math.floor(tenths / 1024);
    unit++;
  } while (tenths >= 100_000);
  const whole = Math.floor(tenths / 10);
  const suffix = ' mgtpezy'[unit];
  return whole >= 100 ? `${String(whole).padStart(4)}${suffix}` : `${String(whole).padStart(2)}.${tenths % 10}${suffix}`;
}

interface Row {
  pid: number;
  user: string;
  state: string;
  command: string;
}

/**
 * The process table top sees: the container's processes with itself among them. The host lists
 * whoever asks as a last `ps` entry; top names itself with its own command line, unless the
 * runtime already registered that very command line (`kubectl exec POD -- top -bn1`).
 */
function processRows(listed: ProcessInfo[], self: string): Row[] {
  const list = [...listed];
  const asker = list.at(-1)?.command === 'ps' && list.length > 1 ? list.pop() : undefined;
  const rows: Row[] = list.map((p) => ({ pid: p.pid, user: p.user, state: p.command === self ? 'R' : 'S', command: p.command }));
  if (!rows.some((r) => r.state === 'R')) rows.push({ pid: asker?.pid ?? Math.max(0, ...rows.map((r) => r.pid)) + 1, user: 'root', state: 'R', command: self });
  return rows;
}

function frame(rows: Row[], batch: boolean, width: number, height: number): string {
  const cut = (s: string, n: number) => s.slice(0, Math.max(0, n));
  const mem = `Mem: ${MEM_TOTAL_KB - MEM_FREE_KB}K used, ${MEM_FREE_KB}K free, ${MEM_SHARED_KB}K shrd, ${MEM_BUFFERS_KB}K buff, ${MEM_CACHED_KB}K cached`;
  const pct = (n: number) => `${String(n).padStart(4)}% `;
  const cpu = `CPU:${pct(0)}usr${pct(0)}sys${pct(0)}nic${pct(100)}idle${pct(0)}io${pct(0)}irq${pct(0)}sirq`;
  const lastPid = Math.max(...rows.map((r) => r.pid));
  // /proc/loadavg is the node's: its runnable/total tasks count every pod's, and its last pid.
  const load = `Load average: 0.08 0.05 0.01 1/${rows.length + 212} ${lastPid}`;
  let out = (batch ? '' : '\x1b[H\x1b[J') + cut(mem, width - 1) + '\n' + cut(cpu, width - 1) + '\n' + cut(load, width - 1) + '\n';
  const header = cut('  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND', width);
  out += batch ? header : `\x1b[7m${header}\x1b[m`;
  const sorted = [...rows].sort((a, b) => vszOf(b.command) - vszOf(a.command) || a.pid - b.pid);
  for (const r of sorted.slice(0, Math.max(0, height - 4))) {
    const vsz = vszOf(r.command);
    const pvsz = Math.round((vsz * 100) / MEM_TOTAL_KB);
    const line = `${String(r.pid).padStart(5)}${'0'.padStart(6)} ${r.user.slice(0, 8).padEnd(8)} ${r.state.padEnd(3)}  ${vszText(vsz)}${String(pvsz).padStart(4)}% ${String(r.pid % CPUS).padStart(3)}${'0'.padStart(4)}% ${r.command}`;
    out += '\n' + cut(line, width);
  }
  return out + (batch ? '\n' : '\r');
}

const top: Command = async ({ argv, shell, stdin, stdout, stderr, signal, tty }) => {
  let batch = false;
  let iterations = Infinity;
  let delay = 5;
  // Busybox takes its options with or without the dash, and bundled: -bn1, bn1, -b -n 1, -d 2.
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^-/, '');
    for (let j = 0; j < a.length; j++) {
      const c = a[j];
      if (c === 'b') batch = true;
      else if (c === 'n' || c === 'd') {
        const value = a.slice(j + 1) || args[++i] || '';
        const n = Number(value.replace(/^-/, ''));
        if (!/^-?\d+$/.test(value)) {
          await stderr.write(`top: invalid number '${value}'\n`);
          return 1;
        }
        if (c === 'n') iterations = n;
        else delay = n;
        break;
      } else {
        await stderr.write(`top: invalid option -- '${c}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: top [-b] [-nCOUNT] [-dSECONDS] [-m]\n`);
        return 1;
      }
    }
  }
  const width = batch ? BATCH_WIDTH : Math.min(BATCH_WIDTH, tty?.cols ?? 79);
  const height = batch ? Infinity : (tty?.rows ?? 24);
  const self = argv.join(' ');
  for (let shown = 0; ; ) {
    if (signal.aborted) return 130;
    await stdout.write(frame(processRows(shell.host.processes(), self), batch, width, height));
    if (++shown >= iterations) break;
    if (batch) {
      if (!(await shell.host.sleep(delay * 1000, signal))) return 130;
      continue;
    }
    // Interactive: wait for the delay or a key, whichever comes first; q and ^C quit.
    const wait = new AbortController();
    const onAbort = () => wait.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const key = stdin.read(wait.signal);
    const slept = shell.host.sleep(delay * 1000, wait.signal).then(() => wait.abort());
    const typed = await key;
    wait.abort();
    await slept;
    signal.removeEventListener('abort', onAbort);
    if (signal.aborted) return 130;
    if (typed !== null && [...typed].some((c) => QUIT_KEYS.has(c))) break;
  }
  await stdout.write('\n');
  return 0;
};

export const TOP_COMMANDS: Record<string, Command> = { top };
