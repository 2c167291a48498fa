/** The claim page's one read: its view model from the BFF's actions API (server/actions/claimDetails.ts). */
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';

export const claimApi = {
  detail: (context: string, namespace: string, name: string, signal?: AbortSignal) =>
    fetchJson<ClaimDetail>(apiUrl(`contexts/${encodeURIComponent(context)}/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}/detail`), { signal }),
};
