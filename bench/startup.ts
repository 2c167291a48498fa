/**
 * Start-up benchmark (numbers for the closing note; never a timed test): `npm start` on the
 * demo cluster, from spawning the command to the first 200 from /readyz (the demo cluster is
 * seeded and answers), over several runs. With `--touch`, a web source's mtime is bumped
 * before each run, so every start has to rebuild the SPA (what `npm start` did every time
 * before it learnt to build only when sources changed).
 *
 *   node --import tsx bench/startup.ts [--runs 5] [--touch] [--command "npm start"]
 */
import { spawn } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { quantile } from './quantile.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, touch: { type: 'boolean', default: false }, command: { type: 'string', default: 'npm start' } },
});

/** Spawn → /readyz 200, in milliseconds; the process group is stopped afterwards. */
async function startOnce(command: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn('sh', ['-c', command], {
    env: { ...process.env, CONSOLE_DEMO: '1', PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"url":"(http[^"]+)"/.exec(out);
        if (m) resolve(m[1]);
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${out}`)));
    });
    for (;;) {
      const res = await fetch(new URL('readyz', url)).catch(() => undefined);
      if (res?.status === 200) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  }
}

const times: number[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  if (values.touch) utimesSync('web/src/main.tsx', new Date(), new Date());
  times.push(await startOnce(values.command!));
}
const fmt = (x: number) => `${(x / 1000).toFixed(2)} s`;
console.log(
  `${values.command}${values.touch ? ' (sources touched before each run)' : ''}: spawn → /readyz 200 over ${times.length} runs: ` +
    `median ${fmt(quantile(times, 0.5))}, min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
