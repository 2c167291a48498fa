/** The scheduler's latest FailedScheduling event about a pod, and the reason histogram in its message. */
import type { KubeObject } from '../../kube/object.ts';
import type { EventShape } from '../events/eventRow.ts';

/** The event as the page shows it: the scheduler's own words, kept verbatim. */
export interface FailedScheduling {
  message: string;
  count: number;
  lastSeen?: string;
  /** The message's "N reason" parts, e.g. `{ count: 2, reason: 'Insufficient cpu' }`. */
  reasons: { count: number; reason: string }[];
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: ..." */
export function parseFailedScheduling(message: string): { count: number; reason: string }[] {
  const m = /nodes are available: (.*?)(?:\. preemption:|\.$|$)/s.exec(message);
  if (!m) return [];
  return m[1]
    .split(/, (?=\d+ )/)
    .map((part) => /^(\d+) (.*)$/.exec(part.trim()))
    .filter((x): x is RegExpExecArray => !!x)
    .map((x) => ({ count: Number(x[1]), reason: x[2].replace(/\.$/, '') }));
}

/** The newest FailedScheduling event about `pod` (core/v1 or events.k8s.io/v1 shape). */
export function latestFailedScheduling(pod: Readonly<KubeObject>, events: Iterable<Readonly<KubeObject>>): FailedScheduling | undefined {
  let best: { e: EventShape; at: number } | undefined;
  for (const obj of events) {
    const e = obj as unknown as EventShape;
    if (e.reason !== 'FailedScheduling') continue;
    const about = e.involvedObject ?? e.regarding;
    const same = about?.uid ? about.uid === pod.metadata.uid : about?.name === pod.metadata.name && about?.namespace === pod.metadata.namespace;
    if (!same) continue;
    const at = Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? '') || 0;
    if (!best || at >= best.at) best = { e, at };
  }
  if (!best) return undefined;
  const message = best.e.message ?? best.e.note ?? '';
  const lastSeen = best.e.series?.lastObservedTime ?? best.e.lastTimestamp ?? best.e.eventTime;
  return { message, count: best.e.series?.count ?? best.e.count ?? 1, ...(lastSeen ? { lastSeen } : {}), reasons: parseFailedScheduling(message) };
}
