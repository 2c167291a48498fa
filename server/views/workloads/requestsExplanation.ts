import { containerRequests, effectivePodRequests, type PodSpecShape } from '../../kube/effectivePodRequests.ts';

/** Which rule of the effective-request formula sets the amount; the SPA words it. */
export type RequestsRule =
  /** No init containers: the app (and sidecar) containers run together, so their sum counts. */
  | 'together'
  /** The largest init container asks for more than the containers that run together, and counts. */
  | 'largestInit'
  /** The containers that run together ask for at least as much as the largest init container. */
  | 'runningCovers';

/** Amounts in base units (cpu millicores, bytes). */
export interface RequestsExplanation {
  resource: string;
  effective: number;
  rule: RequestsRule;
  /** Requests of the containers that run together: app containers, then sidecars. */
  running: number[];
  /** Some of `running` are sidecars (restartable init containers). */
  sidecars: boolean;
  /** The largest init container's request; 0 without init containers. */
  largestInit: number;
  /** The effective request is more than the rule gives: the pod overhead adds to it. */
  overhead: boolean;
}

/**
 * Why a pod's effective request is what it is, per resource (resourcehelper.PodRequests): app containers
 * run together (sum), init containers one after another (the largest counts), sidecars add to both.
 */
export function explainRequests(spec: PodSpecShape): RequestsExplanation[] {
  const effective = effectivePodRequests(spec);
  return ['cpu', 'memory'].map((resource): RequestsExplanation => {
    const app = (spec.containers ?? []).map((c) => containerRequests(c)[resource] ?? 0);
    const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => containerRequests(c)[resource] ?? 0);
    const inits = (spec.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always').map((c) => containerRequests(c)[resource] ?? 0);
    const running = [...app, ...sidecars];
    const sum = running.reduce((a, b) => a + b, 0);
    const largestInit = inits.length ? Math.max(...inits) : 0;
    const rule: RequestsRule = !inits.length ? 'together' : largestInit > sum ? 'largestInit' : 'runningCovers';
    const total = effective[resource] ?? 0;
    return { resource, effective: total, rule, running, sidecars: sidecars.length > 0, largestInit, overhead: total > (rule === 'largestInit' ? largestInit : sum) };
  });
}
