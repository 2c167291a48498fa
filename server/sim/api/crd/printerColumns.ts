import type { KubeObject } from '../../../kube/object.ts';
import { since } from '../tables/humanDuration.ts';
import { column, CREATED_DESCRIPTION, nameColumn, type Printer } from '../tables/printer.ts';
import type { PrinterColumn } from './definitionTypes.ts';

/** The column a CRD without additionalPrinterColumns gets (apiextensions' default: Age from creationTimestamp). */
const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', description: CREATED_DESCRIPTION, jsonPath: '.metadata.creationTimestamp' }];

/** `.spec.cronSpec`, `.status.conditions[0].type`, `.metadata.labels['app']`: the simple JSONPaths CRDs allow. */
export function evaluatePath(obj: unknown, path: string): unknown {
  const steps = [...path.matchAll(/\.([^.[\]]+)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/g)];
  let at: unknown = obj;
  for (const [, key, index, quoted] of steps) {
    if (at === null || typeof at !== 'object') return undefined;
    if (index !== undefined) at = Array.isArray(at) ? at[Number(index)] : undefined;
    else at = (at as Record<string, unknown>)[key ?? quoted];
  }
  return at;
}

/** A cell as apiextensions' tableconvertor writes it: typed values as they are, strings as JSONPath prints them, dates as ages. */
function cell(type: string, value: unknown, now: number): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : since(value, now);
    default:
      return null;
  }
}

/** The Table printer of one version of a custom resource: Name, then its additionalPrinterColumns (or Age). */
export function customResourcePrinter(columns: PrinterColumn[] | undefined): Printer {
  const cols = columns?.length ? columns : DEFAULT_COLUMNS;
  return {
    columns: [
      nameColumn(),
      ...cols.map((c) => column(c.name, c.type, c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`, c.priority ?? 0, c.format ?? '')),
    ],
    cells(o: KubeObject, now: number) {
      return [o.metadata.name, ...cols.map((c) => cell(c.type, evaluatePath(o, c.jsonPath), now))];
    },
  };
}
