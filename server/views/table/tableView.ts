import type { ClusterContext } from '../../clusters/types.ts';
import { failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';
import { quoted } from '../../kube/names.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { ApiResource } from '../cache/apiResource.ts';
import { isTableRow } from '../cache/informerFormat.ts';
import { keyOf } from '../cache/objectCache.ts';
import { createServedResourcesCache } from '../discovery/discoveredResources.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';

/** One object of any resource, as the API server's Table prints it (cells follow the snapshot's columns). */
export interface TableRow extends Row {
  namespace?: string;
  name: string;
  uid?: string;
  /** A detail page reloads its object when this changes. */
  resourceVersion?: string;
  creationTimestamp?: string;
  /** For the search box's `key=value` filters, as on the other lists. */
  labels: Record<string, string>;
  cells: unknown[];
}

export function tableRow(obj: KubeObject): TableRow {
  const { namespace, name = '', uid, resourceVersion, creationTimestamp, labels = {} } = obj.metadata;
  return { key: keyOf(obj), namespace, name, uid, resourceVersion, creationTimestamp, labels, cells: isTableRow(obj) ? obj.cells : [] };
}

/** The generic list of one resource: its Table rows, over an informer that asks for Tables. */
export function tableViewOf(resource: ApiResource): ViewDefinition<TableRow> {
  return { resources: [{ ...resource, as: 'Table' }], project: tableRow };
}

/**
 * Resolves a `table` subscription's params ({group, version, plural}) to its view: the resource
 * must be one the cluster's discovery lists, in that version, with the verbs list and watch
 * (an informer needs both). Anything else is refused with a Status the SPA can word.
 */
export function createTableViewResolver(now: () => number = Date.now) {
  // Discovery changes when CRDs come and go: a minute of reuse spares each subscription two requests.
  const discover = createServedResourcesCache(now);
  return async function resolveTableView(ctx: ClusterContext, params: Readonly<Record<string, string>>): Promise<ViewDefinition> {
    const { group = '', version, plural } = params;
    if (!version || !plural) throw new KubeStatusError(failureStatus(400, 'BadRequest', 'a table subscription needs params version and plural (and group, empty for the core group)'));
    const name = group ? `${plural}.${group}` : plural;
    const found = (await discover(ctx)).find((r) => r.group === group && r.plural === plural);
    if (!found) throw new KubeStatusError(failureStatus(404, 'NotFound', `the server doesn't have a resource type ${quoted(name)}`));
    if (found.version !== version) {
      throw new KubeStatusError(failureStatus(404, 'NotFound', `${quoted(name)} is served as ${quoted(found.version)}, not ${quoted(version)}`));
    }
    const missing = ['list', 'watch'].filter((v) => !found.verbs.includes(v));
    if (missing.length) throw new KubeStatusError(failureStatus(405, 'MethodNotAllowed', `${quoted(name)} cannot be listed live: the server does not allow ${missing.join(' and ')} on it`));
    return tableViewOf({ group, version, plural, namespaced: found.namespaced });
  };
}
