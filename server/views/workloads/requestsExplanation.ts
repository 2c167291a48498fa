import { containerRequests, effectivePodRequests, type PodSpecShape } from '../../sim/controllers/effectivePodRequests.ts';
import { amountText } from '../nodes/quantityText.ts';

export interface RequestsExplanation {
  resource: string;
  /** The effective request in base units (cpu millicores, bytes). */
  effective: number;
  sentence: string;
}

/**
 * Why a pod's effective request is what it is, per resource (SEED-DIGEST §5): app containers
 * run together (sum), init containers one after another (the largest counts), sidecars add to both.
 */
export function explainRequests(spec: PodSpecShape): RequestsExplanation[] {
  const effective = effectivePodRequests(spec);
  const out: RequestsExplanation[] = [];
  for (const resource of ['cpu', 'memory']) {
    const app = (spec.containers ?? []).map((c) => containerRequests(c)[resource] ?? 0);
    const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => containerRequests(c)[resource] ?? 0);
    const inits = (spec.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always').map((c) => containerRequests(c)[resource] ?? 0);
    const fmt = (n: number) => amountText(resource, n);
    const running = [...app, ...sidecars];
    const sum = running.reduce((a, b) => a + b, 0);
    const sumText = running.length > 1 ? `${running.map(fmt).join(' + ')} = ${fmt(sum)}` : fmt(sum);
    const total = effective[resource] ?? 0;
    const maxInit = inits.length ? Math.max(...inits) : 0;
    let sentence: string;
    if (!inits.length) sentence = `${resource} ${fmt(total)}: the ${sidecars.length ? 'app and sidecar' : 'app'} containers run together (${sumText})`;
    else if (maxInit > sum) sentence = `${resource} ${fmt(total)}: the largest init container (${fmt(maxInit)}) asks for more than the containers that run together (${sumText}); init containers run one at a time, so the largest one counts`;
    else sentence = `${resource} ${fmt(total)}: the containers that run together (${sumText}) ask for at least as much as the largest init container (${fmt(maxInit)})`;
    if (total > (inits.length && maxInit > sum ? maxInit : sum)) sentence += `, plus pod overhead`;
    out.push({ resource, effective: total, sentence });
  }
  return out;
}
