/**
 * Running-workload cases: logs, exec into busybox's sh, cp (tar underneath), port-forward,
 * top, debug and events — what a user does with pods once they run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NS, all, check, eventually, fails, succeeds, type Case, type Harness } from './harness.ts';
import { header } from './kubectlRead.ts';

const n = ['-n', NS];
const exec = (h: Harness, script: string, input?: string) => h.kubectl(['exec', ...(input === undefined ? [] : ['-i']), 'shell', ...n, '--', 'sh', '-c', script], { input });
const readIfThere = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const run = (name: string, script: string, ...patterns: (RegExp | string)[]): Case => ({ area: 'kubectl', name, run: async (h) => succeeds(await exec(h, script), ...patterns) });

export const runtimeCases: Case[] = [
  { area: 'kubectl', name: 'logs of a while-loop container', run: async (h) => succeeds(await h.kubectl(['logs', 'shell', ...n]), /^tick \d+$/m) },
  {
    area: 'kubectl',
    name: 'logs -f --tail=1 streams new lines',
    run: async (h) => {
      const r = await h.kubectl(['logs', '-f', '--tail=1', 'shell', ...n], { timeoutMs: 20_000, until: (out) => out.split('\n').filter(Boolean).length >= 3 });
      return succeeds(r, /^tick \d+\ntick \d+\ntick \d+/);
    },
  },
  { area: 'kubectl', name: 'logs --tail=2', run: async (h) => { const r = await h.kubectl(['logs', '--tail=2', 'shell', ...n]); return all(succeeds(r), check(r.stdout.split('\n').filter(Boolean).length === 2, r.stdout, 'two lines')); } },
  { area: 'kubectl', name: 'logs --timestamps', run: async (h) => succeeds(await h.kubectl(['logs', '--timestamps', '--tail=1', 'shell', ...n]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z tick \d+$/m) },
  { area: 'kubectl', name: 'logs -c of a sidecar', run: async (h) => succeeds(await h.kubectl(['logs', 'duo', '-c', 'sidecar', ...n]), /^sidecar up$/m) },
  { area: 'kubectl', name: 'logs of a two-container pod without -c defaults to the first', run: async (h) => { const r = await h.kubectl(['logs', 'duo', ...n]); return all(check(r.code === 0, r.stderr, 'exit 0'), check(/Defaulted container "web" out of: web, sidecar/.test(r.stderr), r.stderr, 'Defaulted container "web" out of: web, sidecar')); } },
  { area: 'kubectl', name: 'logs -c of a missing container', run: async (h) => fails(await h.kubectl(['logs', 'duo', '-c', 'nope', ...n]), /container nope is not valid for pod duo/) },
  { area: 'kubectl', name: 'logs --previous of a restarted container', run: async (h) => succeeds(await h.kubectl(['logs', 'crashy', '--previous', ...n]), /^starting, then failing$/m) },
  { area: 'kubectl', name: 'logs deploy/NAME picks a pod', run: async (h) => { const r = await h.kubectl(['logs', 'deploy/web', ...n]); return check(r.code === 0, r.stderr, 'exit 0 (the nginx pod\'s log, maybe empty)'); } },
  { area: 'kubectl', name: 'logs -l selector --prefix', run: async (h) => succeeds(await h.kubectl(['logs', '-l', 'app=shell', '--prefix', '--tail=1', ...n]), /^\[pod\/shell\/main\] tick \d+$/m) },

  run('exec sh -c with a for loop', 'for i in 1 2 3; do echo "n=$i"; done', /^n=1\nn=2\nn=3\n$/),
  run('exec while loop with arithmetic', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', /^3\n$/),
  run('exec pipes, awk, sort, wc', 'printf "b 2\\na 1\\nc 3\\n" | sort | awk \'{s+=$2} END {print NR, s}\'; echo hello | wc -c', /^3 6\n6\n$/),
  run('exec if/case and functions', 'f() { case "$1" in a*) echo apple;; *) echo other;; esac; }; if f abc | grep -q apple; then echo yes; fi', /^yes\n$/),
  run('exec here-document and sed', 'sed "s/world/pod/" <<EOF\nhello world\nEOF', /^hello pod\n$/),
  run('exec tar round trip', 'mkdir -p /tmp/t/d && echo data > /tmp/t/d/f && tar cf - -C /tmp/t d | tar tf -', /^d\/$/m, /^d\/f$/m),
  run('exec environment (HOSTNAME, PATH)', 'echo $HOSTNAME; echo $PATH', /^shell\n\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin\n$/),
  run('exec ps, df, date', 'ps | head -1; df -h / | head -1; date -u +%Y', /^PID\s+USER\s+TIME\s+COMMAND$/m, /^Filesystem\s+Size\s+Used\s+Available\s+Use%\s+Mounted on$/m, /^\d{4}$/m),
  run('exec wget to a Service by name', 'wget -qO- http://web.fidelity.svc.cluster.local | grep -o "<title>.*</title>"', /^<title>Welcome to nginx!<\/title>$/m),
  run('exec nslookup of a Service (absolute name)', 'nslookup web.fidelity.svc.cluster.local.', /^Name:\s+web\.fidelity\.svc\.cluster\.local$/m, /^Address:\s+10\.\d+\.\d+\.\d+$/m),
  { area: 'kubectl', name: 'exec exit code is kubectl\'s', run: async (h) => fails(await exec(h, 'exit 3'), /^command terminated with exit code 3$/m, 3) },
  { area: 'kubectl', name: 'exec -i with stdin', run: async (h) => succeeds(await exec(h, 'tr a-z A-Z', 'piped in\n'), /^PIPED IN\n$/) },
  { area: 'kubectl', name: 'exec -c into a sidecar', run: async (h) => succeeds(await h.kubectl(['exec', 'duo', '-c', 'sidecar', ...n, '--', 'cat', '/etc/hostname']), /^duo\n$/) },
  { area: 'kubectl', name: 'exec into a missing pod', run: async (h) => fails(await h.kubectl(['exec', 'nope', ...n, '--', 'true']), /^Error from server \(NotFound\): pods "nope" not found$/m, 1) },
  { area: 'kubectl', name: 'exec a missing command', run: async (h) => fails(await h.kubectl(['exec', 'shell', ...n, '--', 'nosuchcmd']), /exec: "nosuchcmd": executable file not found in \$PATH/) },

  {
    area: 'kubectl',
    name: 'cp a file into a pod and back',
    run: async (h) => {
      const src = join(h.dir, 'cp-in.txt');
      writeFileSync(src, 'line one\nline two\n');
      const up = await h.kubectl(['cp', src, `${NS}/shell:/tmp/cp-in.txt`]);
      const back = join(h.dir, 'cp-back.txt');
      const down = await h.kubectl(['cp', `${NS}/shell:/tmp/cp-in.txt`, back]);
      const content = readIfThere(back);
      return all(check(up.code === 0, up.stderr, 'cp in exits 0'), check(down.code === 0, down.stderr, 'cp out exits 0'), check(content === 'line one\nline two\n', content, 'identical content'));
    },
  },
  {
    area: 'kubectl',
    name: 'cp a directory into a pod and back',
    run: async (h) => {
      const src = join(h.dir, 'tree');
      mkdirSync(join(src, 'sub'), { recursive: true });
      writeFileSync(join(src, 'a.txt'), 'A\n');
      writeFileSync(join(src, 'sub', 'b.txt'), 'B\n');
      const up = await h.kubectl(['cp', src, `${NS}/shell:/tmp/tree`]);
      const listed = await exec(h, 'cat /tmp/tree/a.txt /tmp/tree/sub/b.txt');
      const back = join(h.dir, 'tree-back');
      const down = await h.kubectl(['cp', `${NS}/shell:/tmp/tree`, back]);
      const b = readIfThere(join(back, 'sub', 'b.txt'));
      return all(check(up.code === 0, up.stderr, 'cp in exits 0'), succeeds(listed, /^A\nB\n$/), check(down.code === 0, down.stderr, 'cp out exits 0'), check(b === 'B\n', b, 'sub/b.txt back'));
    },
  },
  {
    area: 'kubectl',
    name: 'port-forward a pod and fetch through it',
    run: async (h) => portForward(h, ['port-forward', 'pod/duo', ':80', ...n]),
  },
  {
    area: 'kubectl',
    name: 'port-forward a service and fetch through it',
    run: async (h) => portForward(h, ['port-forward', 'svc/web', ':80', ...n]),
  },

  { area: 'kubectl', name: 'top nodes', run: async (h) => succeeds(await h.kubectl(['top', 'nodes']), header('NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'), /^node-a\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/m) },
  { area: 'kubectl', name: 'top pods', run: async (h) => succeeds(await h.kubectl(['top', 'pods', '-n', 'shop']), header('NAME', 'CPU(cores)', 'MEMORY(bytes)'), /^frontend-\S+\s+\d+m\s+\d+Mi\s*$/m) },
  { area: 'kubectl', name: 'top pod --containers', run: async (h) => succeeds(await h.kubectl(['top', 'pod', '--containers', '-n', 'shop']), header('POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'), /^frontend-\S+\s+web\s+\d+m\s+\d+Mi\s*$/m) },

  {
    area: 'kubectl',
    name: 'debug adds an ephemeral container',
    run: async (h) => {
      const r = await h.kubectl(['debug', 'shell', ...n, '--image=busybox:1.36', '-c', 'dbg', '--', 'sleep', '3600']);
      const running = await eventually(async () => (await h.kubectl(['get', 'pod', 'shell', ...n, '-o', 'jsonpath={.status.ephemeralContainerStatuses[?(@.name=="dbg")].state.running.startedAt}'])).stdout !== '', 60_000);
      return all(check(r.code === 0, r.stderr, 'exit 0'), check(running, 'dbg never running', 'ephemeral container dbg running'));
    },
  },
  {
    area: 'kubectl',
    name: 'debug --copy-to',
    run: async (h) => succeeds(await h.kubectl(['debug', 'shell', ...n, '--copy-to=shell-copy', '--image=busybox:1.36', '--container=main', '--', 'sleep', '3600']), /^$|pod\/shell-copy/),
  },
  {
    area: 'kubectl',
    name: 'debug node/NAME creates a node-debugger pod',
    run: async (h) => {
      const r = await h.kubectl(['debug', 'node/node-b', ...n, '--image=busybox:1.36', '--', 'sleep', '60']);
      return all(check(r.code === 0, r.stderr, 'exit 0'), check(/^Creating debugging pod node-debugger-node-b-[a-z0-9]{5} with container debugger on node node-b\.$/m.test(r.stdout + r.stderr), r.stdout + r.stderr, 'Creating debugging pod node-debugger-node-b-xxxxx with container debugger on node node-b.'));
    },
  },
  {
    area: 'kubectl',
    name: 'a failing liveness probe restarts the container',
    run: async (h) => {
      const pod = `apiVersion: v1
kind: Pod
metadata: {name: liveness-exec, namespace: ${NS}}
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args: [/bin/sh, -c, 'touch /tmp/healthy; sleep 5; rm -f /tmp/healthy; sleep 600']
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      initialDelaySeconds: 2
      periodSeconds: 1
      failureThreshold: 1
`;
      await h.kubectl(['apply', '-f', '-'], { input: pod });
      const restarted = await eventually(async () => Number((await h.kubectl(['get', 'pod', 'liveness-exec', ...n, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'])).stdout) >= 1, 90_000, 500);
      const ev = await h.kubectl(['events', ...n, '--for', 'pod/liveness-exec']);
      return all(check(restarted, 'restartCount stayed 0', 'restartCount ≥ 1'), succeeds(ev, /Warning\s+Unhealthy\s+Pod\/liveness-exec\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/, /Normal\s+Killing\s+Pod\/liveness-exec\s+Container liveness failed liveness probe, will be restarted/));
    },
  },
  {
    area: 'kubectl',
    name: 'a failing readiness probe keeps the pod out of the endpoints',
    run: async (h) => {
      const pod = `apiVersion: v1
kind: Pod
metadata: {name: never-ready, namespace: ${NS}, labels: {app: never-ready}}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80}]
    readinessProbe:
      httpGet: {path: /missing-page, port: 80}
      periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata: {name: never-ready, namespace: ${NS}}
spec:
  selector: {app: never-ready}
  ports: [{port: 80}]
`;
      await h.kubectl(['apply', '-f', '-'], { input: pod });
      const running = await eventually(async () => (await h.kubectl(['get', 'pod', 'never-ready', ...n, '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
      const probed = await eventually(async () => /Readiness probe failed: HTTP probe failed with statuscode: 404/.test((await h.kubectl(['events', ...n, '--for', 'pod/never-ready'])).stdout), 60_000, 500);
      const row = await h.kubectl(['get', 'pod', 'never-ready', ...n]);
      const ep = await h.kubectl(['get', 'endpoints', 'never-ready', ...n, '-o', 'jsonpath={.subsets[*].notReadyAddresses[*].ip}|{.subsets[*].addresses[*].ip}']);
      return all(check(running, 'not Running', 'Running'), check(probed, 'no Unhealthy event', 'Readiness probe failed: HTTP probe failed with statuscode: 404'), succeeds(row, /^never-ready\s+0\/1\s+Running\s/m), check(/^\d+\.\d+\.\d+\.\d+\|$/.test(ep.stdout), ep.stdout, 'the pod IP under notReadyAddresses only'));
    },
  },
  {
    area: 'kubectl',
    name: 'get -w prints the current row and waits',
    run: async (h) => {
      const w = h.background(['get', 'pods', '-n', NS, '-l', 'app=shell', '-w']);
      const seen = await eventually(async () => /^shell\s+1\/1\s+Running/m.test(w.output()), 20_000, 100);
      w.stop();
      return all(check(seen, w.output(), 'NAME READY STATUS… then shell 1/1 Running'), check(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/.test(w.output()), w.output(), 'the header first'));
    },
  },
  {
    area: 'kubectl',
    name: 'kubectl proxy serves the API',
    run: async (h) => {
      const p = h.background(['proxy', '--port=0']);
      let body = '';
      try {
        await eventually(async () => /Starting to serve on 127\.0\.0\.1:\d+/.test(p.output()), 20_000, 100);
        const port = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(p.output())?.[1];
        if (port) body = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/${NS}/pods/shell`).then((r) => r.text());
      } finally {
        p.stop();
      }
      return check(/"kind":\s*"Pod"/.test(body) && /"name":\s*"shell"/.test(body), body.slice(0, 200) || p.output(), 'the Pod shell as JSON');
    },
  },
  { area: 'kubectl', name: 'kubectl events', run: async (h) => succeeds(await h.kubectl(['events', ...n]), header('LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'), /\sNormal\s+Started\s+Pod\/shell\s/m) },
  { area: 'kubectl', name: 'kubectl events --for --types=Warning', run: async (h) => succeeds(await h.kubectl(['events', ...n, '--for', 'pod/crashy', '--types=Warning']), /\sWarning\s+BackOff\s+Pod\/crashy\s+Back-off restarting failed container main in pod crashy_fidelity\(/m) },
];

/** Starts port-forward, reads the local port from its first line, fetches nginx's page, stops it. */
async function portForward(h: Harness, args: string[]) {
  const pf = h.background(args);
  let port = 0;
  let page = '';
  try {
    await eventually(async () => {
      port = Number(/^Forwarding from 127\.0\.0\.1:(\d+) -> 80$/m.exec(pf.output())?.[1] ?? 0);
      return port > 0;
    }, 20_000, 100);
    if (port) page = await fetch(`http://127.0.0.1:${port}/`).then((res) => res.text(), (e: Error) => `fetch failed: ${e.message}`);
  } finally {
    pf.stop();
  }
  return all(check(port > 0, pf.output(), 'Forwarding from 127.0.0.1:PORT -> 80'), check(page.includes('<title>Welcome to nginx!</title>'), page, 'nginx welcome page'));
}
