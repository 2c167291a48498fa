import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertPatchedLikeGo, decodeError } from './goDecoding.ts';
import { GO_TYPES, SCALE } from './goFieldTypes.ts';
import { goFloat, goPrint } from './goPrint.ts';
import { literalsOf, rememberJsonText } from '../numberLiterals.ts';
import { ApiError } from '../../../kube/status.ts';

/** A body as the API parses it, with its literals remembered. */
function body(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  rememberJsonText(parsed, text);
  return parsed;
}

const deployment = GO_TYPES['deployments.apps'];

test('the decoder names the Go struct, the JSON path and the literal the client wrote', () => {
  const b = body('{"spec":{"replicas":1e308}}');
  assert.equal(decodeError(deployment, b, literalsOf(b)), 'json: cannot unmarshal number 1e308 into Go struct field DeploymentSpec.spec.replicas of type int32');
  const port = body('{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":8080},{"containerPort":"http"}]}]}}}}');
  assert.equal(decodeError(deployment, port, literalsOf(port)), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32');
});

test('int64 fields take what an int32 cannot, up to 2^63-1', () => {
  const job = GO_TYPES['jobs.batch'];
  const fits = body('{"spec":{"activeDeadlineSeconds":9223372036854775807}}');
  assert.equal(decodeError(job, fits, literalsOf(fits)), undefined);
  const over = body('{"spec":{"activeDeadlineSeconds":9223372036854775808}}');
  assert.equal(decodeError(job, over, literalsOf(over)), 'json: cannot unmarshal number 9223372036854775808 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64');
});

test('IntOrString takes strings and int32 numbers, and errs without struct context like encoding/json', () => {
  const pdb = GO_TYPES['poddisruptionbudgets.policy'];
  const pct = body('{"spec":{"minAvailable":"50%"}}');
  assert.equal(decodeError(pdb, pct, literalsOf(pct)), undefined);
  const big = body('{"spec":{"maxUnavailable":2147483648}}');
  assert.equal(decodeError(pdb, big, literalsOf(big)), 'json: cannot unmarshal number 2147483648 into Go value of type int32');
});

test('a strategic merge patch converts like reflect: integers wrap, integral floats too, fractions and strings fail', () => {
  const convert = (text: string) => {
    const patch = body(text);
    const patched = structuredClone(patch);
    convertPatchedLikeGo(SCALE, patched, patch, literalsOf(patch));
    return (patched.spec as { replicas: number }).replicas;
  };
  assert.equal(convert('{"spec":{"replicas":2147483648}}'), -2147483648);
  assert.equal(convert('{"spec":{"replicas":4294967297}}'), 1);
  assert.equal(convert('{"spec":{"replicas":3.0}}'), 3);
  assert.equal(convert('{"spec":{"replicas":1e308}}'), 0);
  assert.throws(() => convert('{"spec":{"replicas":1.5}}'), (err: ApiError) => err.code === 422 && err.message === ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:1.5]]": cannot convert float64 to int32');
  assert.throws(() => convert('{"spec":{"replicas":"3"}}'), (err: ApiError) => err.message.endsWith('"map[spec:map[replicas:3]]": unrecognized type: int32'));
});

test("Go's %v of decoded JSON: sorted map keys, int64 as written, float64 in %g form", () => {
  const patch = body('{"b":[1,"x",null],"a":{"z":true,"y":2.5e9}}');
  assert.equal(goPrint(patch, literalsOf(patch)), 'map[a:map[y:2.5e+09 z:true] b:[1 x <nil>]]');
  assert.equal(goFloat(123456.5), '123456.5');
  assert.equal(goFloat(1e-5), '1e-05');
});
