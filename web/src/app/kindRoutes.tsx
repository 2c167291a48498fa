/** The routes of every kind with pages of its own, derived from the catalogue and KIND_PAGES. */
import { Navigate, useLocation, useParams, type RouteObject } from 'react-router';
import { KINDS, kindEntry, resourceKey } from '../../../server/kube/kinds.ts';
import { ResourceDetailPage } from '../features/resources/ResourceDetailPage.tsx';
import { ResourceListPage } from '../features/resources/ResourceListPage.tsx';
import { KIND_PAGES } from './kindPages.tsx';
import { listHref, objectHref } from './objectLinks.ts';

/**
 * A catalogue entry promising a page that has no component, or a component the catalogue does
 * not route, is a programming error: it fails at load, so every browser test catches it.
 */
export function kindRoutes(): RouteObject[] {
  const routes: RouteObject[] = [];
  const routed = new Set<string>();
  for (const k of KINDS) {
    const key = resourceKey(k);
    const pages = KIND_PAGES[key];
    const want = { list: !!k.page?.list, detail: !!k.page?.detail, logs: !!(k.runsPods && k.page?.detail) };
    const have = { list: !!pages?.list, detail: !!pages?.detail, logs: !!pages?.logs };
    if (want.list !== have.list || want.detail !== have.detail || want.logs !== have.logs) {
      throw new Error(`kind ${key}: the catalogue promises ${JSON.stringify(want)} but kindPages.tsx has ${JSON.stringify(have)}`);
    }
    if (!pages) continue;
    routed.add(key);
    const where = k.namespaced ? ':ns/:name' : ':name';
    if (pages.list) routes.push({ path: k.plural, Component: pages.list });
    if (pages.detail) routes.push({ path: `${k.plural}/${where}`, Component: pages.detail });
    if (pages.logs) routes.push({ path: `${k.plural}/${where}/logs`, Component: pages.logs });
  }
  const stray = Object.keys(KIND_PAGES).filter((key) => !routed.has(key));
  if (stray.length) throw new Error(`kindPages.tsx has pages for kinds the catalogue does not hold: ${stray.join(', ')}`);
  return routes;
}

/**
 * The generic pages, for any kind the cluster serves (`/c/{context}/k/{resource}/…`). A kind with
 * a page of its own is sent there, so a generic link (from discovery, an owner, an event) never
 * shows the lesser page; a kind with sections of its own gets them on the generic detail page.
 */
export function genericRoutes(): RouteObject[] {
  return [
    { path: 'k/:resource', Component: GenericList },
    { path: 'k/:resource/:ns/:name', Component: GenericDetail },
    { path: 'k/:resource/:name', Component: GenericDetail },
  ];
}

function GenericList() {
  const { context = '', resource = '' } = useParams();
  const { search } = useLocation();
  const own = kindEntry(resource);
  if (own?.page?.list) return <Navigate to={listHref(context, own) + search} replace />;
  return <ResourceListPage />;
}

function GenericDetail() {
  const { context = '', resource = '', ns, name = '' } = useParams();
  const own = kindEntry(resource);
  if (own?.page?.detail && (ns !== undefined) === own.namespaced) {
    return <Navigate to={objectHref(context, { group: own.group, plural: own.plural, ...(ns !== undefined ? { namespace: ns } : {}), name })} replace />;
  }
  return <ResourceDetailPage key={resource} sections={KIND_PAGES[resource]?.sections} />;
}
