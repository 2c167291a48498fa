/**
 * What the URL holds besides the view: selected namespaces (`ns=shop,default`, absent = all),
 * the filter (`q`) and the sort (`sort=-age`). Pure, so deep links are tested without a browser.
 */
export function parseNamespaces(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  for (const part of raw.split(',')) {
    const ns = part.trim();
    if (ns) seen.add(ns);
  }
  return [...seen];
}

export function formatNamespaces(namespaces: readonly string[]): string {
  return [...new Set(namespaces)].join(',');
}

/** A copy of `search` with `name` set (or removed when empty). */
export function withParam(search: URLSearchParams, name: string, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

/** `?ns=shop,default&q=web`: the comma stays readable in the address bar (it is valid in a query). */
export function searchString(search: URLSearchParams): string {
  const s = search.toString().replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}

/** The query string a link to another view carries: the namespace selection only, not the view's filter/sort. */
export function carriedSearch(search: URLSearchParams): string {
  const ns = search.get('ns');
  return ns ? searchString(new URLSearchParams({ ns })) : '';
}

/** `/c/{context}/{view}`: the context is one path segment, whatever characters its name holds. */
export function viewPath(context: string, view: string): string {
  return `/c/${encodeURIComponent(context)}/${view}`;
}
