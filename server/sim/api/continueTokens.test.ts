import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../kube/status.ts';
import { decodeContinue, encodeContinue } from './continueTokens.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

test('a continue token the server issued decodes to its list version and last key', () => {
  assert.deepEqual(decodeContinue(encodeContinue({ rv: 42, start: 'shop/web-1', issuedAt: 7 })), { rv: 42, start: 'shop/web-1', issuedAt: 7 });
});

test('a token that is not base64 JSON, JSON null, or the wrong shape is a 400 BadRequest, as kube-apiserver answers', () => {
  for (const token of ['%%%', b64('{"v":'), b64('null'), b64('5'), b64('{"v":"meta.k8s.io/v1","rv":"1","start":"a"}'), b64('{"v":"v2","rv":1,"start":"a"}')]) {
    assert.throws(
      () => decodeContinue(token),
      (err: unknown) => err instanceof ApiError && err.code === 400 && /continue key is not valid/.test(err.message),
      `token ${token}`,
    );
  }
});
