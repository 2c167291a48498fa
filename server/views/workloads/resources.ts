import type { ApiResource } from '../cache/apiResource.ts';

/** apps/v1 resources the workload views watch. */
export const APPS = (plural: string): ApiResource => ({ group: 'apps', version: 'v1', plural, namespaced: true });

/** core/v1 resources; nodes are the cluster-scoped one. */
export const CORE = (plural: string): ApiResource => ({ group: '', version: 'v1', plural, namespaced: plural !== 'nodes' && plural !== 'namespaces' });
