/**
 * The web half of the kind catalogue (server/kube/kinds.ts): the components of each kind that
 * has pages of its own, by resource key. Routes are derived from the two together (routes.tsx);
 * a kind without an entry here is served by the generic list and detail pages.
 */
import type { ComponentType } from 'react';
import { JobDetailPage } from '../features/batch/JobDetailPage.tsx';
import { JobLogsPage } from '../features/batch/JobLogsPage.tsx';
import { JobsPage } from '../features/batch/JobsPage.tsx';
import { CronJobDetailPage } from '../features/batch/CronJobDetailPage.tsx';
import { CronJobsPage } from '../features/batch/CronJobsPage.tsx';
import { EventsPage } from '../features/events/EventsPage.tsx';
import { PodLogsPage, WorkloadLogsPage } from '../features/logs/LogsPage.tsx';
import { NamespacesPage } from '../features/namespaces/NamespacesPage.tsx';
import { NodesPage } from '../features/nodes/NodesPage.tsx';
import { PodDetailPage } from '../features/pods/PodDetailPage.tsx';
import { PodsPage } from '../features/pods/PodsPage.tsx';
import { ClaimDetailPage } from '../features/storage/ClaimDetailPage.tsx';
import { ClaimsPage } from '../features/storage/ClaimsPage.tsx';
import { StorageClassesPage } from '../features/storage/StorageClassesPage.tsx';
import { StorageClassSection, VolumeSection } from '../features/storage/StorageSections.tsx';
import { VolumesPage } from '../features/storage/VolumesPage.tsx';
import { DaemonSetsPage } from '../features/workloads/DaemonSetsPage.tsx';
import { DeploymentsPage } from '../features/workloads/DeploymentsPage.tsx';
import { ReplicaSetDetailPage } from '../features/workloads/ReplicaSetDetailPage.tsx';
import { ReplicaSetsPage } from '../features/workloads/ReplicaSetsPage.tsx';
import { StatefulSetsPage } from '../features/workloads/StatefulSetsPage.tsx';
import { WorkloadDetailPage } from '../features/workloads/WorkloadDetailPage.tsx';

import { SecretDataSection } from '../features/references/SecretDataSection.tsx';
import { ServicePodsSection } from '../features/references/ServicePodsSection.tsx';
import type { DetailSection } from '../features/resources/ResourceDetailPage.tsx';

export interface KindPages {
  /** At `/c/{context}/{plural}`; the catalogue entry says `page.list`. */
  list?: ComponentType;
  /** At `/c/{context}/{plural}/{ns}/{name}`; the catalogue entry says `page.detail`. */
  detail?: ComponentType;
  /** At `…/{name}/logs`; the catalogue entry says `runsPods`. */
  logs?: ComponentType;
  /** Added to the generic detail page, for kinds without a detail page of their own. */
  sections?: readonly DetailSection[];
}

const DeploymentPage = () => <WorkloadDetailPage kind="deployments" />;
const StatefulSetPage = () => <WorkloadDetailPage kind="statefulsets" />;
const DaemonSetPage = () => <WorkloadDetailPage kind="daemonsets" />;
const DeploymentLogs = () => <WorkloadLogsPage kind="deployments" />;
const StatefulSetLogs = () => <WorkloadLogsPage kind="statefulsets" />;
const DaemonSetLogs = () => <WorkloadLogsPage kind="daemonsets" />;
const ReplicaSetLogs = () => <WorkloadLogsPage kind="replicasets" />;

export const KIND_PAGES: Readonly<Record<string, KindPages>> = {
  pods: { list: PodsPage, detail: PodDetailPage, logs: PodLogsPage },
  'deployments.apps': { list: DeploymentsPage, detail: DeploymentPage, logs: DeploymentLogs },
  'statefulsets.apps': { list: StatefulSetsPage, detail: StatefulSetPage, logs: StatefulSetLogs },
  'daemonsets.apps': { list: DaemonSetsPage, detail: DaemonSetPage, logs: DaemonSetLogs },
  'replicasets.apps': { list: ReplicaSetsPage, detail: ReplicaSetDetailPage, logs: ReplicaSetLogs },
  persistentvolumeclaims: { list: ClaimsPage, detail: ClaimDetailPage },
  persistentvolumes: { list: VolumesPage, sections: [VolumeSection] },
  'storageclasses.storage.k8s.io': { list: StorageClassesPage, sections: [StorageClassSection] },
  'jobs.batch': { list: JobsPage, detail: JobDetailPage, logs: JobLogsPage },
  'cronjobs.batch': { list: CronJobsPage, detail: CronJobDetailPage },
  nodes: { list: NodesPage },
  namespaces: { list: NamespacesPage },
  events: { list: EventsPage },
  services: { sections: [ServicePodsSection] },
  secrets: { sections: [SecretDataSection] },
};
