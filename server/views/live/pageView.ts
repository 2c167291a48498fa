import { KINDS } from '../../kube/kinds.ts';
import { nameProblems } from '../../kube/names.ts';
import { findView } from '../registry.ts';

/** What a console page subscribes to first: its list view, in one context, for some namespaces. */
export interface PageView {
  context: string;
  view: string;
  /** Empty: all namespaces (and always empty for a cluster-scoped view). */
  namespaces: string[];
}

/** More namespaces than this in one address is not a page worth listing ahead of the browser. */
const MAX_WARM_NAMESPACES = 20;

/**
 * The live view a console page subscribes to as soon as its script runs, read from the page's
 * own address: a list page is `/c/{context}/{plural}` (the kind catalogue's page contract; the
 * SPA's list of that kind subscribes to the view named by the plural) and its namespaces are
 * `?ns=a,b` exactly as the SPA parses them (absent: all). `path` is relative to the base path
 * and still percent-encoded; `query` is the raw query string without `?`. Undefined for every
 * other page, and for anything the SPA itself would not subscribe with.
 */
export function pageView(path: string, query: string): PageView | undefined {
  const parts = path.split('/');
  // ['', 'c', context, plural] and an optional trailing slash.
  if (parts[0] !== '' || parts[1] !== 'c' || parts.length < 4 || parts.length > 5 || (parts.length === 5 && parts[4] !== '')) return undefined;
  let context: string;
  try {
    context = decodeURIComponent(parts[2]);
  } catch (err) {
    if (err instanceof URIError) return undefined;
    throw err;
  }
  const plural = parts[3];
  const view = KINDS.some((k) => k.plural === plural && k.page?.list) ? findView(plural) : undefined;
  if (!context || !view) return undefined;
  if (!view.resources[0]?.namespaced) return { context, view: plural, namespaces: [] };
  const namespaces = new Set<string>();
  for (const part of (new URLSearchParams(query).get('ns') ?? '').split(',')) {
    const ns = part.trim();
    if (!ns) continue;
    if (nameProblems('dns1123Label', ns).length > 0) return undefined;
    namespaces.add(ns);
  }
  if (namespaces.size > MAX_WARM_NAMESPACES) return undefined;
  return { context, view: plural, namespaces: [...namespaces] };
}
