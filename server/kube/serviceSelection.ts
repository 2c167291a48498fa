/**
 * Which pods a Service selects, as the endpoints controller decides it: a non-empty
 * `spec.selector` whose every key=value is among the pod's labels. A Service without a
 * selector selects nothing (its endpoints are whatever someone writes by hand).
 */
import { mapSelectorMatches } from './labelSelector.ts';

export interface ServiceSelectorShape {
  metadata: { name?: string };
  spec?: { selector?: Record<string, string> | null };
}

export function serviceSelects(service: ServiceSelectorShape, podLabels: Record<string, string> | undefined): boolean {
  return mapSelectorMatches(service.spec?.selector ?? undefined, podLabels);
}

/** The services among `services` that select a pod with `podLabels`. */
export function servicesSelecting<S extends ServiceSelectorShape>(services: readonly S[], podLabels: Record<string, string> | undefined): S[] {
  return services.filter((s) => serviceSelects(s, podLabels));
}

/** One selector pair a pod does not satisfy: the label is absent (`actual` undefined) or has another value. */
export interface SelectorMiss {
  key: string;
  wanted: string;
  actual?: string;
}

/**
 * A pod that matches some of the selector's pairs but not all — the usual typo or stale
 * label — with the pairs it misses; undefined for a pod that matches all or none.
 */
export function nearMiss(selector: Record<string, string> | null | undefined, podLabels: Record<string, string> | undefined): SelectorMiss[] | undefined {
  const pairs = Object.entries(selector ?? {});
  const labels = podLabels ?? {};
  const misses = pairs.filter(([k, v]) => labels[k] !== v).map(([key, wanted]) => (Object.hasOwn(labels, key) ? { key, wanted, actual: labels[key] } : { key, wanted }));
  return misses.length > 0 && misses.length < pairs.length ? misses : undefined;
}
