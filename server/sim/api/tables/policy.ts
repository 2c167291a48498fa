import { since } from './humanDuration.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

/** printPodDisruptionBudget: an unset bound prints as N/A. */
export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn(),
  ],
  cells(o, now) {
    const bound = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return [o.metadata.name, bound(o.spec?.minAvailable), bound(o.spec?.maxUnavailable), Number(o.status?.disruptionsAllowed ?? 0), since(o.metadata.creationTimestamp, now)];
  },
};
