import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';
import { CORE } from '../workloads/resources.ts';

/** One core/v1 Event, as `kubectl get events` shows it. */
export interface EventRow extends Row {
  namespace: string;
  name: string;
  /** Normal or Warning. */
  type: string;
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace?: string; uid?: string };
  count: number;
  firstSeen?: string;
  /** The latest occurrence (series, lastTimestamp or eventTime, whichever the writer set). */
  lastSeen?: string;
  source: string;
}

/** The fields of a core/v1 Event the views read (events.k8s.io/v1 names them `regarding` and `note`). */
export interface EventShape {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  regarding?: { kind?: string; name?: string; namespace?: string; uid?: string };
  note?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

export function eventRow(obj: KubeObject): EventRow {
  const e = obj as unknown as EventShape;
  const about = e.involvedObject ?? {};
  const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? obj.metadata.creationTimestamp;
  const firstSeen = e.firstTimestamp ?? e.eventTime ?? obj.metadata.creationTimestamp;
  const component = e.source?.component || e.reportingComponent || '';
  return {
    key: keyOf(obj),
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: { kind: about.kind ?? '', name: about.name ?? '', ...(about.namespace ? { namespace: about.namespace } : {}), ...(about.uid ? { uid: about.uid } : {}) },
    count: e.series?.count ?? e.count ?? 1,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    source: e.source?.host ? `${component}, ${e.source.host}` : component,
  };
}

/** Subscription params narrow events to one object: `kind` + `name` (and `type`: Warning). */
function eventMatches(obj: KubeObject, params: Readonly<Record<string, string>>): boolean {
  const e = obj as unknown as EventShape;
  if (params.kind && e.involvedObject?.kind !== params.kind) return false;
  if (params.name && e.involvedObject?.name !== params.name) return false;
  if (params.uid && e.involvedObject?.uid !== params.uid) return false;
  if (params.type && e.type !== params.type) return false;
  return true;
}

export const eventsView: ViewDefinition<EventRow> = {
  resources: [CORE('events')],
  project: eventRow,
  matches: eventMatches,
};
