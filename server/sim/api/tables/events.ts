import type { KubeObject } from '../../../kube/object.ts';
import { since } from './humanDuration.ts';
import { column, NAME_DESCRIPTION, type Printer } from './printer.ts';

interface Reference {
  kind?: string;
  name?: string;
  fieldPath?: string;
}

/** core/v1 and events.k8s.io/v1 Events carry the same facts under different field names. */
function eventFacts(o: KubeObject) {
  const modern = o.apiVersion?.startsWith('events.k8s.io/') || 'regarding' in o;
  const involved = ((modern ? o.regarding : o.involvedObject) ?? {}) as Reference;
  const source = (o.source ?? {}) as { component?: string; host?: string };
  return {
    involved,
    firstTimestamp: (modern ? o.deprecatedFirstTimestamp : o.firstTimestamp) as string | undefined,
    lastTimestamp: (modern ? o.deprecatedLastTimestamp : o.lastTimestamp) as string | undefined,
    count: (modern ? o.deprecatedCount : o.count) as number | undefined,
    message: ((modern ? o.note : o.message) as string | undefined) ?? '',
    component: source.component || ((o.reportingController ?? o.reportingComponent) as string | undefined) || '',
    host: source.host || ((o.reportingInstance as string | undefined) ?? ''),
    series: o.series as { count?: number; lastObservedTime?: string } | undefined,
    eventTime: o.eventTime as string | undefined,
  };
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
    column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    column('Name', 'string', NAME_DESCRIPTION, 1, 'name'),
  ],
  cells(o, now) {
    const e = eventFacts(o);
    const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
    let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count ?? count;
    } else if (count === 0) count = 1;
    const kind = (e.involved.kind ?? '').toLowerCase();
    const target = e.involved.name ? `${kind}/${e.involved.name}` : kind;
    const source = e.host ? `${e.component}, ${e.host}` : e.component;
    return [last, o.type ?? '', o.reason ?? '', target, e.involved.fieldPath ?? '', source, e.message.trim(), first, count, o.metadata.name];
  },
};
