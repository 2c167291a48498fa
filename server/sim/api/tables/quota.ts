import { since } from './humanDuration.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';
import { canonicalQuantity } from '../admission/quantityString.ts';
import { QuantityError } from '../../../kube/quantity.ts';

function shown(q: unknown): string {
  if (q === undefined || q === null) return '0';
  try {
    return canonicalQuantity(q as string);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    return String(q);
  }
}

/** printResourceQuota: `resource: used/hard` pairs in name order, limits.* in LIMIT, the rest in REQUEST. */
export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn(),
    ageColumn(),
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  cells(o, now) {
    const hard = (o.status?.hard ?? {}) as Record<string, unknown>;
    const used = (o.status?.used ?? {}) as Record<string, unknown>;
    const request: string[] = [];
    const limit: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const pieces = r.split('.');
      (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${r}: ${shown(used[r])}/${shown(hard[r])}`);
    }
    return [o.metadata.name, since(o.metadata.creationTimestamp, now), request.join(', '), limit.join(', ')];
  },
};
