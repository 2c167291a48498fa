import { ApiError } from '../../kube/status.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import type { TokenRequestSpec } from './tokens.ts';

/** POST /api/v1/namespaces/NS/serviceaccounts/NAME/token: a TokenRequest answered with a signed, bound token. */
export async function serveTokenRequest(scope: Scope): Promise<void> {
  const tokens = scope.deps.authn.serviceAccounts;
  if (!tokens) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  const body = (parseBody(await readBody(scope.req), scope.req.headers['content-type']) ?? {}) as { kind?: string; apiVersion?: string; metadata?: object; spec?: TokenRequestSpec };
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format');
  if (body.kind !== undefined && body.kind !== 'TokenRequest') throw new ApiError(400, 'BadRequest', `TokenRequest in version "v1" cannot be handled as a ${body.kind}`);
  const spec = body.spec && typeof body.spec === 'object' ? body.spec : {};
  const issued = tokens.request(scope.namespace!, scope.name!, spec);
  sendJson(scope.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: scope.name, namespace: scope.namespace, creationTimestamp: null },
    spec: issued.spec,
    status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp },
  });
}
