import { createRequire } from 'node:module';
import { badRequest } from '../../../kube/status.ts';
import { readVarint, wireFields } from './wire.ts';

/**
 * Decodes the Kubernetes protobuf envelope (`k8s\0` + runtime.Unknown) into the JSON
 * object a client would have sent. kubectl's typed clients (create namespace,
 * deployment, job, auth can-i...) send protobuf bodies; the field tables in
 * schema.json come from the descriptors compiled into kubectl (see extractSchema.ts).
 */
type FieldSpec = [number: number, name: string, type: number, typeName?: string, repeated?: 1];
type Schema = Record<string, { m?: 1; f: FieldSpec[] }>;

const schema = createRequire(import.meta.url)('./schema.json') as Schema;
const byNumber = new Map<string, Map<number, FieldSpec>>();

function fieldsOf(message: string): Map<number, FieldSpec> {
  let m = byNumber.get(message);
  if (!m) {
    const def = schema[message];
    if (!def) throw badRequest(`protobuf message ${message} is not known to the demo cluster; send JSON`);
    m = new Map(def.f.map((f) => [f[0], f]));
    byNumber.set(message, m);
  }
  return m;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const GO_ZERO_TIME_SECONDS = -62135596800;
/** Optional (pointer) booleans whose explicit false means something; other falses are Go zero values. */
const MEANINGFUL_FALSE = new Set(['suspend', 'automountServiceAccountToken', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot', 'privileged', 'optional', 'immutable', 'shareProcessNamespace', 'enableServiceLinks', 'hostUsers', 'allowVolumeExpansion', 'manualSelector', 'publishNotReadyAddresses', 'allowed', 'denied', 'incomplete', 'orphanDependents']);

/** Embedded structs Go's JSON encoder inlines (`json:",inline"`) but protobuf carries as a field. */
const INLINED = new Set(['ingressRuleValue', 'volumeSource', 'persistentVolumeSource']);

/** Non-pointer integers the JSON encoder omits when zero. */
const ZERO_OMITTED = new Set(['generation', 'observedGeneration', 'hostPort', 'minReadySeconds', 'nodePort']);

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

function scalar(type: number, v: bigint | Uint8Array): JsonValue {
  switch (type) {
    case 9:
      return Buffer.from(v as Uint8Array).toString('utf8');
    case 12:
      return Buffer.from(v as Uint8Array).toString('base64');
    case 8:
      return (v as bigint) !== 0n;
    case 3:
    case 5:
    case 16:
    case 15:
      return Number(BigInt.asIntN(type === 5 || type === 15 ? 32 : 64, v as bigint));
    case 17:
    case 18: {
      const n = v as bigint;
      return Number((n >> 1n) ^ -(n & 1n));
    }
    case 1:
      return new DataView(new BigUint64Array([v as bigint]).buffer).getFloat64(0, true);
    default:
      return Number(v as bigint);
  }
}

function special(typeName: string, bytes: Uint8Array): JsonValue | undefined {
  switch (typeName) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      const t = decodeMessage(typeName, bytes) as { seconds?: number; nanos?: number };
      const seconds = t.seconds ?? 0;
      // Go's zero time travels as either the year-1 seconds or an empty Timestamp.
      if (seconds <= GO_ZERO_TIME_SECONDS || (seconds === 0 && !t.nanos)) return null;
      const iso = new Date(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();
      return typeName === 'meta.v1.Time' ? iso.replace(/\.\d{3}Z$/, 'Z') : iso.replace(/Z$/, '000Z');
    }
    case 'meta.v1.Duration': {
      const d = decodeMessage(typeName, bytes) as { duration?: number };
      return `${(d.duration ?? 0) / 1e9}s`;
    }
    case 'api.resource.Quantity':
      return (decodeMessage(typeName, bytes) as { string?: string }).string ?? '0';
    case 'util.intstr.IntOrString': {
      const v = decodeMessage(typeName, bytes) as { type?: number; intVal?: number; strVal?: string };
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
    case 'runtime.RawExtension': {
      const raw = [...wireFields(bytes)].find((f) => f.number === 1)?.value as Uint8Array | undefined;
      if (!raw?.length) return null;
      return JSON.parse(Buffer.from(raw).toString('utf8')) as JsonValue;
    }
    default:
      return undefined;
  }
}

export function decodeMessage(message: string, bytes: Uint8Array): { [k: string]: JsonValue } {
  const fields = fieldsOf(message);
  const out: { [k: string]: JsonValue } = {};
  for (const wf of wireFields(bytes)) {
    const spec = fields.get(wf.number);
    if (!spec) continue;
    const [, name, type, typeName, repeated] = spec;
    const values: JsonValue[] = [];
    if (type === 11) {
      const inner = wf.value as Uint8Array;
      const mapEntry = schema[typeName!]?.m;
      if (mapEntry) {
        const e = decodeMessage(typeName!, inner);
        const target = (out[name] ??= {}) as { [k: string]: JsonValue };
        const valueSpec = fieldsOf(typeName!).get(2);
        target[String(e.key ?? '')] = e.value ?? (valueSpec?.[2] === 9 || valueSpec?.[2] === 12 ? '' : null);
        continue;
      }
      const s = special(typeName!, inner);
      values.push(s !== undefined ? s : decodeMessage(typeName!, inner));
    } else if (wf.wireType === 2 && type !== 9 && type !== 12) {
      // Packed repeated numbers.
      const buf = wf.value as Uint8Array;
      let pos = 0;
      while (pos < buf.length) {
        const [v, next] = readVarint(buf, pos);
        pos = next;
        values.push(scalar(type, v));
      }
    } else {
      values.push(scalar(type, wf.value));
    }
    for (const v of values) {
      if (INLINED.has(name) && v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
      else if (repeated) ((out[name] ??= []) as JsonValue[]).push(v);
      else out[name] = v;
    }
  }
  // Go zero values the JSON encoder would have omitted.
  for (const [k, v] of Object.entries(out)) {
    if (v === '' || v === null || (v === false && !MEANINGFUL_FALSE.has(k)) || (v === 0 && ZERO_OMITTED.has(k))) delete out[k];
  }
  return out;
}

function packageOf(apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!group) return `core.${version}`;
  if (group === 'meta.k8s.io') return `meta.${version}`;
  return `${group.split('.')[0]}.${version}`;
}

export function isKubeProtobuf(body: Uint8Array): boolean {
  return MAGIC.every((b, i) => body[i] === b);
}

/** The JSON form of a `application/vnd.kubernetes.protobuf` request body. */
export function decodeKubeProtobuf(body: Uint8Array): { [k: string]: JsonValue } {
  if (!isKubeProtobuf(body)) throw badRequest('protobuf body without the k8s envelope');
  const unknown = decodeMessage('runtime.Unknown', body.subarray(4)) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  const raw = Buffer.from(unknown.raw ?? '', 'base64');
  let message = `${packageOf(apiVersion)}.${kind}`;
  if (!schema[message] && schema[`meta.v1.${kind}`]) message = `meta.v1.${kind}`;
  return { apiVersion, kind, ...decodeMessage(message, raw) };
}
