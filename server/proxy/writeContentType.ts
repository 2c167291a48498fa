/**
 * Writes through /k8s carry only what kube-apiserver decodes for the verb. Anything else cannot
 * be a Kubernetes write, and text/plain, form and multipart bodies are exactly what another site
 * can send without a CORS preflight: refused with 415 before a byte goes upstream.
 */
import type { RequestHandler } from 'express';
import { sendStatus } from '../http/errors.ts';

/** The API server's serializers for create, update and delete options. */
const OBJECT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The API server's patch types (a PATCH with application/json is its 415 too). */
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

const ACCEPTED: Readonly<Record<string, readonly string[]>> = {
  POST: OBJECT_TYPES,
  PUT: OBJECT_TYPES,
  DELETE: OBJECT_TYPES,
  PATCH: PATCH_TYPES,
};

/** `application/json; charset=utf-8` → `application/json`. */
function essenceOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export const requireKubeContentType: RequestHandler = (req, res, next) => {
  const accepted = ACCEPTED[req.method];
  if (!accepted) return next();
  const contentType = req.headers['content-type'];
  // No body and no type: a bodiless DELETE, or a POST the API server answers itself.
  if (contentType === undefined && !hasBody(req.headers)) return next();
  if (contentType !== undefined && accepted.includes(essenceOf(contentType))) return next();
  // Worded as the API server words its own 415.
  sendStatus(res, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
};
