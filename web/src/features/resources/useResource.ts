/** The resource a generic page's `:resource` names, as the cluster's discovery describes it. */
import { findResource, useDiscoveredResources, type DiscoveredResource } from '../../api/discovery.ts';
import type { StatusBody } from '../../api/apiError.ts';

export interface ResourceLookup {
  resource?: DiscoveredResource;
  /** Discovery answered and has no such resource. */
  unknown: boolean;
  error?: StatusBody;
}

export function useResource(context: string, key: string): ResourceLookup {
  const { resources, error } = useDiscoveredResources(context);
  const resource = findResource(resources, key);
  return { resource, unknown: resources !== undefined && !resource, error };
}
