import type { KubeObject } from '../../../kube/object.ts';

/** A meta.k8s.io/v1 TableColumnDefinition; every field is always present on the wire. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface RowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** How one kind prints: its columns and the cells of one object at time `now` (ms). */
export interface Printer {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: number): unknown[];
  conditions?(obj: KubeObject): RowCondition[] | undefined;
}

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATED_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function column(name: string, type: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn = (): ColumnDefinition => column('Name', 'string', NAME_DESCRIPTION, 0, 'name');
export const ageColumn = (): ColumnDefinition => column('Age', 'string', CREATED_DESCRIPTION);
export const containersColumn = (): ColumnDefinition => column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn = (): ColumnDefinition => column('Images', 'string', 'Images referenced by each container in the template.', 1);

interface NamedImage {
  name?: string;
  image?: string;
}

/** layoutContainerCells: container names and images, comma-joined. */
export function containerCells(containers: NamedImage[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}
