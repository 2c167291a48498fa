/**
 * Routes: every view and its filter deep-link (`/c/demo/pods?ns=shop,default&q=web`); `/`
 * redirects to the current context's pods. The base path comes from the BFF at run time. Each kind's
 * routes come from the kind catalogue (kindRoutes.tsx). Without a session the sign-in page shows
 * instead (features/signIn/SessionGate.tsx).
 */
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { routerBasename } from '../api/urls.ts';
import { ToastProvider } from '../components/Toasts.tsx';
import { SessionGate } from '../features/signIn/SessionGate.tsx';
import { LazyTerminalPage } from '../features/terminal/LazyTerminalPage.tsx';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { genericRoutes, kindRoutes } from './kindRoutes.tsx';
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
        ...kindRoutes(),
        { path: 'terminal', element: <LazyTerminalPage /> },
        // Any kind the cluster serves: the generic list and detail pages (features/resources).
        ...genericRoutes(),
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
        <SessionGate>
          <RouterProvider router={router} />
        </SessionGate>
      </ToastProvider>
    </I18nProvider>
  );
}
