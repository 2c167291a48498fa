/** The cross-link reads of the BFF (server/actions/referencesRouter.ts); a Secret value only through `reveal`. */
import type { WorkloadReferences } from '../../../../server/actions/references.ts';
import type { RevealedKey, SecretKeys } from '../../../../server/actions/referencesSecretData.ts';
import type { ServicePods } from '../../../../server/actions/referencesServicePods.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';

/** The kinds whose pod template the references endpoint reads. */
export type TemplateKind = 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets' | 'pods';

const under = (context: string, namespace: string, rest: string) =>
  apiUrl(`contexts/${encodeURIComponent(context)}/namespaces/${encodeURIComponent(namespace)}/${rest}`);

export const referencesApi = {
  references: (context: string, kind: TemplateKind, namespace: string, name: string, signal?: AbortSignal) =>
    fetchJson<WorkloadReferences>(under(context, namespace, `${kind}/${encodeURIComponent(name)}/references`), { signal }),
  servicePods: (context: string, namespace: string, name: string, signal?: AbortSignal) =>
    fetchJson<ServicePods>(under(context, namespace, `services/${encodeURIComponent(name)}/pods`), { signal }),
  secretKeys: (context: string, namespace: string, name: string, signal?: AbortSignal) =>
    fetchJson<SecretKeys>(under(context, namespace, `secrets/${encodeURIComponent(name)}/keys`), { signal }),
  reveal: (context: string, namespace: string, name: string, key: string) =>
    fetchJson<RevealedKey>(under(context, namespace, `secrets/${encodeURIComponent(name)}/reveal`), { method: 'POST', body: { key } }),
};
