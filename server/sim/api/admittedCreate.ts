import { admit } from './admission/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';

/**
 * Create as a client's POST would: admission (defaults, validation) first, then the store.
 * Controllers create through the API server in a real cluster, so their pods, claims and
 * revisions get the same defaults as a client's, and a terminating namespace refuses them;
 * seeded objects look exactly like objects created through the API.
 * `createdAt` backdates the object (only the seed's history uses it).
 */
export function createAdmitted(ctx: SimContext, resource: string, obj: KubeObject, createdAt?: Date): KubeObject {
  admit(ctx.store.type(resource), obj, undefined, ctx, 'create');
  return ctx.store.create(resource, obj, createdAt);
}
