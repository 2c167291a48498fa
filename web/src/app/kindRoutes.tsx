/** The routes of every kind with pages of its own, derived from the catalogue and KIND_PAGES. */
import type { RouteObject } from 'react-router';
import { KINDS, resourceKey } from '../../../server/kube/kinds.ts';
import { KIND_PAGES } from './kindPages.tsx';

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
