import { badRequest } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { validateConfigKey } from './names.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function admitNamespace(obj: KubeObject, old: KubeObject | undefined): void {
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
  obj.spec ??= {};
  obj.spec.finalizers ??= ['kubernetes'];
  if (!old) obj.status = { phase: 'Active' };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Data maps must hold valid keys; `immutable` objects keep their data. */
function validateData(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined, fields: string[]): void {
  for (const f of fields) for (const key of Object.keys((obj[f] as Json | undefined) ?? {})) validateConfigKey(errs, `${f}[${key}]`, key);
  if (old?.immutable === true) {
    if (obj.immutable !== true) errs.forbidden('immutable', 'field is immutable when `immutable` is set');
    for (const f of fields) if (JSON.stringify(obj[f] ?? {}) !== JSON.stringify(old[f] ?? {})) errs.forbidden(f, 'field is immutable when `immutable` is set');
  }
}

/** Secrets: stringData folds into base64 data (as the conversion does), data must be base64, type defaults to Opaque and never changes. */
export function admitSecret(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const data: Json = (obj.data as Json | undefined) ?? {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || !BASE64.test(v)) {
      throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${firstBadByte(String(v))}`);
    }
    data[k] = v;
  }
  for (const [k, v] of Object.entries((obj.stringData as Json | undefined) ?? {})) data[k] = Buffer.from(String(v)).toString('base64');
  delete obj.stringData;
  if (Object.keys(data).length || obj.data) obj.data = data;
  obj.type ??= 'Opaque';
  validateData(errs, obj, old, ['data']);
  if (obj.type === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key']) if (data[key] === undefined) errs.required(`data[${key}]`);
  }
  if (obj.type === 'kubernetes.io/dockerconfigjson' && data['.dockerconfigjson'] === undefined) errs.required('data[.dockerconfigjson]');
  if (old && obj.type !== old.type) errs.invalid('type', obj.type, 'field is immutable');
}

function firstBadByte(v: string): number {
  const i = [...v].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  return i < 0 ? Math.max(0, v.length - (v.length % 4)) : i;
}

export function admitConfigMap(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  validateData(errs, obj, old, ['data', 'binaryData']);
  const data = (obj.data as Json | undefined) ?? {};
  for (const key of Object.keys((obj.binaryData as Json | undefined) ?? {})) if (key in data) errs.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData');
}

export function admitEvent(errs: FieldErrors, obj: KubeObject): void {
  const modern = obj.apiVersion?.startsWith('events.k8s.io/');
  const involved = (modern ? obj.regarding : obj.involvedObject) as Json | undefined;
  if (!modern && involved?.namespace && obj.metadata.namespace && involved.namespace !== obj.metadata.namespace) {
    errs.invalid('involvedObject.namespace', involved.namespace, 'does not match event.namespace');
  }
  if (obj.type && !['Normal', 'Warning'].includes(obj.type as string)) errs.notSupported('type', obj.type, ['Normal', 'Warning']);
}
