/**
 * Routes: every view and its filter deep-link (`/c/demo/pods?ns=shop,default&q=web`); `/`
 * redirects to the current context's pods. The base path comes from the BFF at run time.
 */
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { routerBasename } from '../api/urls.ts';
import { ToastProvider } from '../components/Toasts.tsx';
import { NamespacesPage } from '../features/namespaces/NamespacesPage.tsx';
import { EventsPage } from '../features/events/EventsPage.tsx';
import { NodesPage } from '../features/nodes/NodesPage.tsx';
import { DaemonSetsPage } from '../features/workloads/DaemonSetsPage.tsx';
import { DeploymentsPage } from '../features/workloads/DeploymentsPage.tsx';
import { ReplicaSetDetailPage } from '../features/workloads/ReplicaSetDetailPage.tsx';
import { ReplicaSetsPage } from '../features/workloads/ReplicaSetsPage.tsx';
import { StatefulSetsPage } from '../features/workloads/StatefulSetsPage.tsx';
import { WorkloadDetailPage } from '../features/workloads/WorkloadDetailPage.tsx';
import { PodLogsPage, WorkloadLogsPage } from '../features/logs/LogsPage.tsx';
import { PodDetailPage } from '../features/pods/PodDetailPage.tsx';
import { PodsPage } from '../features/pods/PodsPage.tsx';
import { ClaimDetailPage } from '../features/storage/ClaimDetailPage.tsx';
import { LazyTerminalPage } from '../features/terminal/LazyTerminalPage.tsx';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RootRedirect } from './RootRedirect.tsx';

const router = createBrowserRouter(
  [
    { path: '/', element: <RootRedirect /> },
    {
      path: '/c/:context',
      element: <Layout />,
      children: [
        { index: true, element: <Navigate to="pods" replace /> },
        { path: 'pods', element: <PodsPage /> },
        { path: 'namespaces', element: <NamespacesPage /> },
        { path: 'deployments', element: <DeploymentsPage /> },
        { path: 'statefulsets', element: <StatefulSetsPage /> },
        { path: 'daemonsets', element: <DaemonSetsPage /> },
        { path: 'replicasets', element: <ReplicaSetsPage /> },
        { path: 'nodes', element: <NodesPage /> },
        { path: 'events', element: <EventsPage /> },
        { path: 'deployments/:ns/:name', element: <WorkloadDetailPage kind="deployments" /> },
        { path: 'statefulsets/:ns/:name', element: <WorkloadDetailPage kind="statefulsets" /> },
        { path: 'daemonsets/:ns/:name', element: <WorkloadDetailPage kind="daemonsets" /> },
        { path: 'replicasets/:ns/:name', element: <ReplicaSetDetailPage /> },
        { path: 'pods/:ns/:name', element: <PodDetailPage /> },
        { path: 'persistentvolumeclaims/:ns/:name', element: <ClaimDetailPage /> },
        { path: 'pods/:ns/:name/logs', element: <PodLogsPage /> },
        { path: 'deployments/:ns/:name/logs', element: <WorkloadLogsPage kind="deployments" /> },
        { path: 'statefulsets/:ns/:name/logs', element: <WorkloadLogsPage kind="statefulsets" /> },
        { path: 'daemonsets/:ns/:name/logs', element: <WorkloadLogsPage kind="daemonsets" /> },
        { path: 'replicasets/:ns/:name/logs', element: <WorkloadLogsPage kind="replicasets" /> },
        { path: 'terminal', element: <LazyTerminalPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ],
  { basename: routerBasename() },
);

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </I18nProvider>
  );
}
