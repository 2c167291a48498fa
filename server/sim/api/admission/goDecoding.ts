/**
 * What kube-apiserver does with a number that does not fit its Go field, per request path:
 *
 * - create and update bodies are decoded by sigs.k8s.io/json; its first type error becomes
 *   400 BadRequest via transformDecodeError (k8s.io/apiserver endpoints/handlers/rest.go):
 *   `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal
 *   number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * - JSON and merge patches are applied to JSON and the result decoded the same way; a
 *   failure is 422 Invalid on the field `patch` with the patched document as the value
 *   (jsonPatcher.applyPatchToCurrentObject, endpoints/handlers/patch.go).
 * - strategic merge patches are merged as maps and converted with
 *   runtime.DefaultUnstructuredConverter, which uses Go's reflect conversions: an integer
 *   wraps to the field's width (2147483648 becomes -2147483648 and validation refuses it;
 *   4294967297 becomes 1), a fraction is "cannot convert float64 to int32", a string or bool
 *   "unrecognized type: int32"; failures are 422 on `patch` with `%+v` of the patch
 *   (applyPatchToObject, patch.go; fromUnstructured, apimachinery runtime/converter.go).
 *   Server-side apply is treated like a strategic merge patch here, as the rest of the
 *   demo cluster does.
 */
import { ApiError, badRequest } from '../../../kube/status.ts';
import { literalsOf, type LiteralOf } from '../numberLiterals.ts';
import type { PatchType } from '../patch/index.ts';
import type { GoField, GoScalar, GoStruct } from './goFieldTypes.ts';
import { goInt64Of, goPatchedJson, goPrint } from './goPrint.ts';
import { goValue } from './fieldErrors.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const RANGE: Record<'int32' | 'int64', [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};
const BITS = { int32: 32, int64: 64 } as const;

/** Visits every integer field present in `value`, in document order; `visit` returns true to stop. */
function walk(struct: GoStruct, value: Obj, path: string[], visit: (holder: Obj, key: string, type: GoScalar, struct: GoStruct, path: string[]) => boolean): boolean {
  for (const key of Object.keys(value)) {
    const field: GoField | undefined = struct.fields[key];
    const v = value[key];
    if (field === undefined || v === undefined) continue;
    const at = [...path, key];
    if (typeof field === 'string') {
      if (visit(value, key, field, struct, at)) return true;
    } else if (Array.isArray(field)) {
      if (Array.isArray(v)) for (const item of v) if (isObj(item) && walk(field[0], item, at, visit)) return true;
    } else if (isObj(v) && walk(field as GoStruct, v, at, visit)) return true;
  }
  return false;
}

/** What the Go decoder says a JSON value is when it cannot store it ("number 1.5", "string", ...); undefined when it fits. */
function unfit(v: unknown, type: GoScalar, literalOf: LiteralOf): string | undefined {
  if (v === null) return undefined; // null leaves primitives alone and clears pointers
  if (typeof v === 'string') return type === 'intstr' ? undefined : 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (typeof v !== 'number') return 'object';
  const literal = literalOf(v);
  const n = goInt64Of(literal);
  const [min, max] = RANGE[type === 'int64' ? 'int64' : 'int32'];
  return n !== undefined && n >= min && n <= max ? undefined : `number ${literal}`;
}

/** The decoder's message for the first field that does not fit, as sigs.k8s.io/json's UnmarshalTypeError words it. */
export function decodeError(struct: GoStruct, obj: unknown, literalOf: LiteralOf): string | undefined {
  if (!isObj(obj)) return undefined;
  let message: string | undefined;
  walk(struct, obj, [], (holder, key, type, owner, path) => {
    const what = unfit(holder[key], type, literalOf);
    if (what === undefined) return false;
    // IntOrString decodes itself with encoding/json, which adds no struct context.
    message =
      type === 'intstr'
        ? `json: cannot unmarshal ${what} into Go value of type int32`
        : `json: cannot unmarshal ${what} into Go struct field ${owner.name}.${path.join('.')} of type ${type}`;
    return true;
  });
  return message;
}

/** Create or update body: 400 as transformDecodeError words it. */
export function refuseUndecodableBody(struct: GoStruct, body: unknown, literalOf: LiteralOf, kind: string, version: string): void {
  const message = decodeError(struct, body, literalOf);
  if (!message) return;
  const sent = isObj(body) ? body : {};
  const sentKind = typeof sent.kind === 'string' && sent.kind ? sent.kind : kind;
  const sentVersion = typeof sent.apiVersion === 'string' && sent.apiVersion ? sent.apiVersion.split('/').pop() : version;
  throw badRequest(`${sentKind} in version "${sentVersion}" cannot be handled as a ${kind}: ${message}`);
}

function patchInvalid(shownValue: string, detail: string): ApiError {
  const message = `Invalid value: ${goValue(shownValue)}: ${detail}`;
  // NewInvalid(schema.GroupKind{}, "", ...): no kind or name, hence the message's leading ` ""`.
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
}

/** JSON or merge patch: the patched document is decoded like a body; 422 on `patch`. */
export function refuseUndecodablePatched(struct: GoStruct, patched: unknown, literalOf: LiteralOf): void {
  const message = decodeError(struct, patched, literalOf);
  if (message) throw patchInvalid(goPatchedJson(patched, literalOf), message);
}

/** Go's reflect conversion of a decoded JSON number (int64, or float64 when not an int64 literal) to `type`. */
function convertNumber(v: number, type: 'int32' | 'int64', literalOf: LiteralOf): number | string {
  const literal = literalOf(v);
  let n = goInt64Of(literal);
  if (n === undefined) {
    const f = Number(literal);
    if (f !== Math.trunc(f)) return `cannot convert float64 to ${type}`;
    // float64 -> int64 out of range is implementation-defined; amd64 (CVTTSD2SQ) gives the minimum.
    n = Math.abs(f) < 2 ** 63 ? BigInt(f) : RANGE.int64[0];
  }
  return Number(BigInt.asIntN(BITS[type], n));
}

/** IntOrString through the converter: the value is marshalled to JSON and unmarshalled into an int32. */
function convertIntOrString(v: unknown, literalOf: LiteralOf): string | undefined {
  if (typeof v !== 'number') return typeof v === 'string' || v === null ? undefined : `json: cannot unmarshal ${unfit(v, 'intstr', literalOf)} into Go value of type int32`;
  // encoding/json writes an int64 in decimal and a float64 as JavaScript does (exponent from 1e21).
  const n = goInt64Of(literalOf(v));
  const marshalled = n !== undefined ? n.toString() : String(v);
  const what = unfit(v, 'intstr', () => marshalled);
  return what ? `json: cannot unmarshal ${what} into Go value of type int32` : undefined;
}

/**
 * Strategic merge patch (and apply): converts the patched object's integer fields in place as
 * runtime.DefaultUnstructuredConverter would, or throws 422 on `patch` with `%+v` of the patch.
 */
export function convertPatchedLikeGo(struct: GoStruct, patched: unknown, patch: unknown, literalOf: LiteralOf): void {
  if (!isObj(patched)) return;
  let failure: string | undefined;
  walk(struct, patched, [], (holder, key, type) => {
    const v = holder[key];
    if (type === 'intstr') failure = convertIntOrString(v, literalOf);
    else if (typeof v === 'number') {
      const converted = convertNumber(v, type, literalOf);
      if (typeof converted === 'string') failure = converted;
      else holder[key] = converted;
    } else if (v !== null) failure = `unrecognized type: ${type}`;
    return failure !== undefined;
  });
  if (failure) throw patchInvalid(goPrint(patch, literalOf), failure);
}


/** The patched object's integer fields, decoded as the real server's patcher for `patchType` would. */
export function decodePatched(patchType: PatchType, struct: GoStruct, patched: unknown, patch: unknown): void {
  const literalOf = literalsOf(patch);
  if (patchType === 'json' || patchType === 'merge') refuseUndecodablePatched(struct, patched, literalOf);
  else convertPatchedLikeGo(struct, patched, patch, literalOf);
}
