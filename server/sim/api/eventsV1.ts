import type { KubeObject } from '../../kube/object.ts';
import { rfc3339Micro } from '../../kube/object.ts';

/**
 * events.k8s.io/v1 Events are the same stored core/v1 Events under other field names,
 * converted the way k8s.io/kubernetes/pkg/apis/events/v1 does it.
 */
export function coreToEventsV1(e: KubeObject, apiVersion: string): KubeObject {
  const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
  const source = e.source as { component?: string; host?: string } | undefined;
  const out: KubeObject = {
    kind: 'Event',
    apiVersion,
    metadata: e.metadata,
    eventTime: e.eventTime ?? (e.firstTimestamp ? rfc3339Micro(new Date(e.firstTimestamp as string)) : null),
    reportingController: (e.reportingComponent as string | undefined) || source?.component || undefined,
    reportingInstance: (e.reportingInstance as string | undefined) || source?.host || undefined,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: source && Object.keys(source).length ? source : undefined,
    deprecatedFirstTimestamp: e.firstTimestamp ?? undefined,
    deprecatedLastTimestamp: e.lastTimestamp ?? undefined,
    deprecatedCount: (e.count as number | undefined) || undefined,
  };
  if (series) out.series = series;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

export function eventsV1ToCore(e: KubeObject): KubeObject {
  const out: KubeObject = {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    related: e.related,
    reason: e.reason,
    message: e.note,
    type: e.type,
    action: e.action,
    eventTime: e.eventTime ?? null,
    series: e.series,
    reportingComponent: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp ?? null,
    lastTimestamp: e.deprecatedLastTimestamp ?? null,
    count: e.deprecatedCount,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
