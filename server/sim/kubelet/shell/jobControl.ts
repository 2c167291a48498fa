/**
 * `trap` and `wait`. Background jobs (`cmd &`) are tracked by the shell; `wait` waits for
 * all of them or the pids it is given. Traps are kept per condition and listed by `trap`;
 * the EXIT trap runs when the shell ends (program.ts). Signal traps are accepted and listed,
 * but never fire: the simulated runtime stops a container without delivering signals.
 */
import type { Command } from './interpreter.ts';

const SIGNALS = ['EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

/** `0`, `TERM`, `SIGTERM` and `15` all name the same condition. */
function conditionName(c: string): string | undefined {
  const upper = c.toUpperCase().replace(/^SIG/, '');
  if (/^\d+$/.test(c)) return SIGNALS[Number(c)];
  return SIGNALS.includes(upper) ? upper : undefined;
}

const trap: Command = async ({ argv, shell, stdout, stderr }) => {
  const args = argv.slice(1);
  if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
    // Listed in signal-number order, as the shells do.
    const ordered = [...shell.traps].sort(([a], [b]) => SIGNALS.indexOf(a) - SIGNALS.indexOf(b));
    await stdout.write(ordered.map(([c, a]) => `trap -- '${a.replace(/'/g, `'\\''`)}' ${c}\n`).join(''));
    return 0;
  }
  // `trap N...` (a number first) or `trap - N...` resets; otherwise the first word is the action.
  const reset = args[0] === '-' || (/^\d+$/.test(args[0]) && args.length >= 1);
  const action = reset ? undefined : args[0];
  let status = 0;
  for (const c of args.slice(args[0] === '-' || !reset ? 1 : 0)) {
    const name = conditionName(c);
    if (!name) {
      await stderr.write(`${shell.name}: trap: ${c}: ${shell.kind === 'bash' ? 'invalid signal specification' : 'bad trap'}\n`);
      status = 1;
      continue;
    }
    if (action === undefined) shell.traps.delete(name);
    else shell.traps.set(name, action);
  }
  return status;
};

const wait: Command = async ({ argv, shell, signal, stderr }) => {
  const pids = argv.slice(1);
  let status = 0;
  if (pids.length === 0) {
    for (const job of [...shell.jobs.values()]) {
      await Promise.race([job, new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
      if (signal.aborted) return 130;
    }
    return 0;
  }
  for (const p of pids) {
    const job = shell.jobs.get(Number(p));
    if (!job) {
      // A finished or unknown job: busybox answers 127 without a word; bash says so.
      if (shell.kind === 'bash') await stderr.write(`bash: wait: pid ${p} is not a child of this shell\n`);
      status = 127;
      continue;
    }
    status = await job;
  }
  return status;
};

export const JOB_BUILTINS: Record<string, Command> = { trap, wait };
