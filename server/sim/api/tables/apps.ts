import type { KubeObject } from '../../../kube/object.ts';
import { since } from './humanDuration.ts';
import { formatLabelSelector, formatLabels, selectorString } from './labels.ts';
import { ageColumn, column, containerCells, containersColumn, imagesColumn, nameColumn, type Printer } from './printer.ts';

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const selectorColumn = (description: string) => column('Selector', 'string', description, 1);

export const deploymentPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  cells(o, now) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      `${num(o.status?.readyReplicas)}/${o.spec?.replicas ?? 1}`,
      num(o.status?.updatedReplicas),
      num(o.status?.availableReplicas),
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      selectorString(o.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('Selector is a label query over pods that should match the replica count.'),
  ],
  cells(o, now) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      o.spec?.replicas ?? 1,
      num(o.status?.replicas),
      num(o.status?.readyReplicas),
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [nameColumn(), column('Ready', 'string', 'Number of the pod with ready state'), ageColumn(), containersColumn(), imagesColumn()],
  cells(o, now) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [o.metadata.name, `${num(o.status?.readyReplicas)}/${o.spec?.replicas ?? 1}`, since(o.metadata.creationTimestamp, now), names, images];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('A label query over pods that are managed by the daemon set.'),
  ],
  cells(o, now) {
    const s = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      num(s.desiredNumberScheduled),
      num(s.currentNumberScheduled),
      num(s.numberReady),
      num(s.updatedNumberScheduled),
      num(s.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

/** `daemonset.apps/log-shipper`: the controller owner, lower-cased Kind.group/name. */
function controllerOf(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [nameColumn(), column('Controller', 'string', 'Controller of the object'), column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, controllerOf(o), num(o.revision), since(o.metadata.creationTimestamp, now)];
  },
};
