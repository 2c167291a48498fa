/**
 * GET pods/NAME/log as the kubelet serves it: container, previous, follow, tailLines,
 * sinceSeconds, sinceTime, timestamps, limitBytes. Errors are Status objects with the
 * kubelet's wording.
 */
import type { ServerResponse } from 'node:http';
import { badRequest, type ApiError } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import { rfc3339Nano, type LogLine } from './logs.ts';
import type { PodRuntime } from './podLifecycle.ts';
import { queryFlag } from '../../kube/queryBool.ts';

function fail(res: ServerResponse, err: ApiError): void {
  const body = JSON.stringify(err.toStatus());
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function serveLog(res: ServerResponse, pod: KubeObject, rt: PodRuntime | undefined, query: URLSearchParams): void {
  const podName = pod.metadata.name ?? '';
  const specNames = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name);
  let name = query.get('container') ?? '';
  if (!name) {
    const apps = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
    if (apps.length !== 1) return fail(res, badRequest(`a container name must be specified for pod ${podName}, choose one of: [${apps.join(' ')}]`));
    name = apps[0];
  }
  if (!specNames.includes(name)) return fail(res, badRequest(`container ${name} is not valid for pod ${podName}`));
  const c = rt?.container(name);
  const previous = queryFlag(query, 'previous');
  const instance = previous ? c?.previous : c?.current;
  if (!instance || !c) {
    if (previous) return fail(res, badRequest(`previous terminated container "${name}" in pod "${podName}" not found`));
    const waiting = c && 'waiting' in c.state ? c.state.waiting.reason : 'ContainerCreating';
    const why = waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
    return fail(res, badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${why}`));
  }

  const timestamps = queryFlag(query, 'timestamps');
  const follow = queryFlag(query, 'follow') && !instance.exit;
  const sinceSeconds = Number(query.get('sinceSeconds') ?? NaN);
  const sinceTime = query.get('sinceTime') ? Date.parse(query.get('sinceTime')!) : NaN;
  const since = !Number.isNaN(sinceSeconds) ? Date.now() - sinceSeconds * 1000 : !Number.isNaN(sinceTime) ? sinceTime : -Infinity;
  const tail = query.get('tailLines') !== null ? Number(query.get('tailLines')) : -1;
  let budget = query.get('limitBytes') !== null ? Number(query.get('limitBytes')) : Infinity;

  let lines = instance.log.snapshot().filter((l) => l.ms >= since);
  if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  const format = (l: LogLine) => (timestamps ? `${rfc3339Nano(l)} ${l.text}\n` : `${l.text}\n`);

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
  /** Write within limitBytes; false once the limit is reached. */
  const emit = (text: string): boolean => {
    if (budget <= 0) return false;
    const bytes = Buffer.from(text);
    const out = bytes.length > budget ? bytes.subarray(0, budget) : bytes;
    budget -= out.length;
    res.write(out);
    return budget > 0;
  };
  let open = true;
  let chunk = '';
  for (const l of lines) {
    chunk += format(l);
    if (chunk.length > 64 * 1024) {
      open = emit(chunk);
      chunk = '';
      if (!open) break;
    }
  }
  if (open && chunk) open = emit(chunk);
  if (!follow || !open) {
    res.end();
    return;
  }
  const stop = instance.log.follow(
    (l) => {
      if (!emit(format(l))) end();
    },
    () => end(),
  );
  function end(): void {
    stop();
    if (!res.writableEnded) res.end();
  }
  res.on('close', () => stop());
}
