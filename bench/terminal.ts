/**
 * Terminal benchmark (not a test): `seq 1 2000000` throughput and keystroke echo latency over
 * the exec websocket, straight to the demo cluster, through the console's proxy, and through
 * nginx (shipped config) in front of the console. Uses the SPA's own channel client.
 *
 *   node --import tsx bench/terminal.ts [--samples 200]
 */
import { openExecChannel, type SocketLike } from '../web/src/features/terminal/execChannel.ts';
import { streamPath } from '../web/src/features/terminal/streamUrl.ts';
import { recordSession } from '../web/e2e/terminalSession.ts';
import { runningSeedPod, startTerminalStack } from '../web/e2e/terminalStack.ts';
import { WebSocket } from 'ws';
import { quantile } from './quantile.ts';

const SAMPLES = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 200;
const SEQ_BYTES = 14_888_896;

// ws's WebSocket has the members the client uses; its listener typings are wider overloads.
const wsSocket = (url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as SocketLike;

function throughput(url: string): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let started = 0;
    openExecChannel({
      url,
      createSocket: wsSocket,
      keepAliveMs: 0,
      // Timed from the first byte: the runtime's start-up (30 ms in the demo kubelet) is not throughput.
      onOutput: (text) => {
        if (!started) started = performance.now();
        bytes += text.length;
      },
      onEnd: (end) => {
        if (end.kind !== 'exited' || end.code !== 0) reject(new Error(`seq ended with ${JSON.stringify(end)}`));
        resolve({ bytes, seconds: (performance.now() - started) / 1000 });
      },
    });
  });
}

async function echoLatency(url: string): Promise<number[]> {
  const s = recordSession(url, { size: { cols: 200, rows: 50 }, keepAliveMs: 0 });
  await s.waitFor(/# $/);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const echoed = new Promise<void>((resolve) => (s.onChunk = (text) => text.includes('a') && resolve()));
    const t0 = performance.now();
    s.channel.write('a');
    await echoed;
    times.push(performance.now() - t0);
    const erased = new Promise<void>((resolve) => (s.onChunk = (text) => text.includes('\b') && resolve()));
    s.channel.write('\x7f');
    await erased;
  }
  s.channel.close();
  await s.ended;
  return times.sort((a, b) => a - b);
}

const stack = await startTerminalStack({ nginx: true, replicas: 1, speed: 20 });
try {
  const { pod, container } = await runningSeedPod(stack.apiRoot, 'shop', 'frontend');
  const roots = {
    'demo cluster (direct)': stack.cluster.url,
    'console proxy': `${stack.replicas[0].url}k8s/demo`,
    'nginx -> console': stack.apiRoot,
  };
  const ws = (root: string, argv: string[], tty: boolean) => {
    const path = streamPath({ kind: 'exec', context: 'demo', namespace: 'shop', pod, container, argv });
    return `${root.replace(/^http/, 'ws')}/${tty ? path : path.replace('stdin=true', 'stdin=false').replace('tty=true', 'tty=false')}`;
  };
  console.log(`terminal benchmark — ${new Date().toISOString()}, Node ${process.version}, ${SAMPLES} echo samples`);
  for (const [name, root] of Object.entries(roots)) {
    await throughput(ws(root, ['seq', '1', '2000000'], false)); // warm-up
    const runs = [await throughput(ws(root, ['seq', '1', '2000000'], false)), await throughput(ws(root, ['seq', '1', '2000000'], false))];
    const best = runs.sort((a, b) => a.seconds - b.seconds)[0];
    if (best.bytes !== SEQ_BYTES) throw new Error(`${name}: got ${best.bytes} bytes, expected ${SEQ_BYTES}`);
    const lat = await echoLatency(ws(root, ['sh'], true));
    const pct = (p: number) => quantile(lat, p).toFixed(2);
    const mean = (lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(2);
    console.log(
      `${name.padEnd(22)} seq 1 2000000: ${(best.bytes / 1e6).toFixed(1)} MB in ${best.seconds.toFixed(2)} s = ${(best.bytes / best.seconds / 1e6).toFixed(1)} MB/s` +
        ` | echo latency median ${pct(0.5)} ms, mean ${mean} ms, p90 ${pct(0.9)} ms, max ${lat.at(-1)!.toFixed(2)} ms`,
    );
  }
} finally {
  await stack.close();
}
