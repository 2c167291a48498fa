import { ApiError, badRequest } from '../../../kube/status.ts';
import { jsonPatch } from './jsonPatch.ts';
import { mergePatch, type Json } from './merge.ts';
import { strategicMerge } from './strategic.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+json': 'apply',
};

export function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const t = TYPES[media];
  if (!t) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
  return t;
}

/**
 * The patched object. Server-side apply goes through ../apply/ (field ownership, conflicts);
 * here an apply body is merged strategically, for callers without managers.
 */
export function applyPatch(type: PatchType, current: Json, patch: unknown): Json {
  switch (type) {
    case 'json':
      return jsonPatch(current, patch);
    case 'merge':
      if (typeof patch !== 'object' || patch === null) throw badRequest('the patch is not a JSON object');
      return mergePatch(current, patch as Json);
    case 'strategic':
    case 'apply':
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badRequest('the patch is not a JSON object');
      return strategicMerge(current, patch as Json);
  }
}
