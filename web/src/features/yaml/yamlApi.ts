/** Reads and replaces one object through the raw API proxy; every write names the resourceVersion it was based on (inside the object). */
import { fetchJson } from '../../api/fetchJson.ts';
import { k8sUrl } from '../../api/urls.ts';
import type { KubeObjectLike } from './editableYaml.ts';

export const yamlApi = {
  get: (context: string, path: string, signal?: AbortSignal) => fetchJson<KubeObjectLike>(k8sUrl(context, path), { signal }),
  /** PUT of the whole object as JSON; `dryRun` asks the server for its verdict without storing anything. */
  replace: (context: string, path: string, object: KubeObjectLike, dryRun: boolean) =>
    fetchJson<KubeObjectLike>(k8sUrl(context, dryRun ? `${path}?dryRun=All` : path), { method: 'PUT', body: object }),
};
