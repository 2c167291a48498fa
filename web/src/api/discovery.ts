/** What the cluster serves and the user may list (`GET {base}api/contexts/{context}/resources`). */
import { useEffect, useState } from 'react';
import { toStatus, type StatusBody } from './apiError.ts';
import { fetchJson } from './fetchJson.ts';
import { apiUrl } from './urls.ts';
import type { DiscoveredResource, DiscoveredResources } from '../../../server/views/discovery/discoveredResources.ts';

export type { DiscoveredResource };

export interface DiscoveryState {
  /** Undefined until the first answer. */
  resources?: DiscoveredResource[];
  error?: StatusBody;
}

/** One request per context and namespace at a time, shared by the navigation and the pages. */
const answers = new Map<string, Promise<DiscoveredResource[]>>();

export function loadResources(context: string, namespace?: string): Promise<DiscoveredResource[]> {
  const key = `${context}\u0000${namespace ?? ''}`;
  let answer = answers.get(key);
  if (!answer) {
    const query = namespace ? `?${new URLSearchParams({ namespace })}` : '';
    answer = fetchJson<DiscoveredResources>(apiUrl(`contexts/${encodeURIComponent(context)}/resources${query}`)).then((d) => d.resources);
    answers.set(key, answer);
    // Kept for the page's life when it worked (the BFF re-reads discovery each minute for new
    // visits); forgotten when it failed, so the next mount asks again.
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

export function useDiscoveredResources(context: string, namespace?: string): DiscoveryState {
  const [state, setState] = useState<DiscoveryState & { key?: string }>({});
  const key = `${context}\u0000${namespace ?? ''}`;
  useEffect(() => {
    let live = true;
    loadResources(context, namespace).then(
      (resources) => live && setState({ key, resources }),
      (err: unknown) => live && setState({ key, error: toStatus(err) }),
    );
    return () => {
      live = false;
    };
  }, [context, namespace, key]);
  // A state for another context is not shown while the new one loads.
  return state.key === key ? state : {};
}

/** The resource a URL names (`configmaps`, `ingresses.networking.k8s.io`). */
export function findResource(resources: readonly DiscoveredResource[] | undefined, key: string): DiscoveredResource | undefined {
  return resources?.find((r) => r.key === key);
}
