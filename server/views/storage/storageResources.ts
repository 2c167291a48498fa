import type { ApiResource } from '../cache/apiResource.ts';

/** The resources the storage views watch, and their cache ids (server/views/cache/apiResource.ts). */
export const CLAIMS: ApiResource = { group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true };
export const VOLUMES: ApiResource = { group: '', version: 'v1', plural: 'persistentvolumes', namespaced: false };
export const CLASSES: ApiResource = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', namespaced: false };
export const PODS: ApiResource = { group: '', version: 'v1', plural: 'pods', namespaced: true };

export const CLAIMS_ID = 'persistentvolumeclaims';
export const VOLUMES_ID = 'persistentvolumes';
export const CLASSES_ID = 'storageclasses.storage.k8s.io';
export const PODS_ID = 'pods';
