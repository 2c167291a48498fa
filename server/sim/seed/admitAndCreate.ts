import { admit } from '../api/admission/index.ts';
import type { KubeObject } from '../api/object.ts';
import type { SimContext } from '../context.ts';

/**
 * Create an object as a client's POST would: defaulting and validation first, then the
 * store. Seeded objects therefore look exactly like objects created through the API.
 */
export function admitAndCreate(ctx: SimContext, resource: string, obj: KubeObject): KubeObject {
  const type = ctx.store.type(resource);
  admit(type, obj, undefined, ctx, 'create');
  return ctx.store.create(resource, obj);
}
