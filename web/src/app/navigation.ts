/**
 * The navigation, grouped as operators think of it (the catalogue's categories), derived from
 * what the cluster serves and the user may list. Kinds with a page of their own come first in
 * their group, under their translated names; every other served kind follows under its Kind,
 * opening the generic list. Until discovery answers, the console's own pages are shown.
 */
import { CATEGORIES, KINDS, resourceKey, type KindCategory } from '../../../server/kube/kinds.ts';
import type { DiscoveredResource } from '../api/discovery.ts';
import { en, type MessageKey } from '../i18n/en.ts';

export interface NavItem {
  /** Path under `/c/{context}/`. */
  view: string;
  /** A translated name (the console's own pages), or the Kind's plural as the API names it. */
  label: MessageKey | { text: string };
}

export interface NavGroup {
  id: KindCategory;
  label: MessageKey;
  items: readonly NavItem[];
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** `ConfigMap` → `ConfigMaps`, `Ingress` → `Ingresses`, `NetworkPolicy` → `NetworkPolicies`; `Endpoints` stays. */
export function pluralOfKind(kind: string): string {
  if (kind.endsWith('Endpoints') || kind.endsWith('Metrics')) return kind;
  if (/(s|x|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

/** Pages the console has that are not a kind's list. */
const EXTRA_VIEWS: Partial<Record<KindCategory, readonly NavItem[]>> = {
  workloads: [{ view: 'terminal', label: 'nav.terminal' }],
};

/** Browsable in the generic list: it must list and watch (the list is live). */
function browsable(r: DiscoveredResource): boolean {
  return r.canList && r.verbs.includes('list') && r.verbs.includes('watch');
}

export function navigation(served?: readonly DiscoveredResource[]): NavGroup[] {
  const byKey = new Map(served?.map((r) => [r.key, r]));
  const shownKinds = new Set<string>();
  const groups: NavGroup[] = [];
  for (const id of CATEGORIES) {
    const items: NavItem[] = [];
    for (const k of KINDS) {
      if (k.category !== id || !k.page?.list) continue;
      const found = byKey.get(resourceKey(k));
      if (served && !(found && found.canList)) continue;
      const label = `nav.${k.plural}`;
      items.push({ view: k.plural, label: isMessageKey(label) ? label : { text: pluralOfKind(k.kind) } });
      shownKinds.add(k.kind);
    }
    items.push(...(EXTRA_VIEWS[id] ?? []));
    const generic = (served ?? [])
      .filter((r) => r.category === id && browsable(r) && !shownKinds.has(r.kind))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));
    for (const r of generic) {
      // The same Kind in two groups (core and events.k8s.io Events): the first one found is listed.
      if (shownKinds.has(r.kind)) continue;
      shownKinds.add(r.kind);
      items.push({ view: `k/${encodeURIComponent(r.key)}`, label: { text: pluralOfKind(r.kind) } });
    }
    if (items.length) groups.push({ id, label: `nav.group.${id}`, items });
  }
  return groups;
}
