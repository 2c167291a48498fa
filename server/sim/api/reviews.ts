/**
 * The review APIs, answered by the cluster's own authenticators and authorizer:
 * authorization.k8s.io (SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
 * SelfSubjectRulesReview) and authentication.k8s.io (TokenReview, SelfSubjectReview).
 */
import { ApiError, methodNotSupported } from '../../kube/status.ts';
import { authenticateToken, type UserInfo } from './auth.ts';
import { FieldErrors } from './admission/fieldErrors.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { RejectedToken } from './tokens.ts';

interface ResourceAttributesSpec {
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface ReviewSpec {
  resourceAttributes?: ResourceAttributesSpec;
  nonResourceAttributes?: { verb?: string; path?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
  namespace?: string;
  token?: string;
  audiences?: string[];
}

/** user.Info as the review APIs print it (empty fields left out, as Go's omitempty does). */
function userInfoOf(u: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.name };
  if (u.uid) out.uid = u.uid;
  out.groups = u.groups;
  if (u.extra && Object.keys(u.extra).length) out.extra = u.extra;
  return out;
}

function accessStatus(scope: Scope, user: UserInfo, spec: ReviewSpec, kind: string): object {
  const errs = new FieldErrors();
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  if (!ra === !nra) errs.required('spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified');
  if (!errs.empty) throw errs.toError(kind, 'authorization.k8s.io', '');
  const { authorizer } = scope.deps;
  const reason = ra
    ? authorizer.decide(user, {
        verb: ra.verb ?? '',
        group: ra.group ?? '',
        resource: ra.resource ?? '',
        subresource: ra.subresource || undefined,
        namespace: ra.namespace || undefined,
        name: ra.name || undefined,
      })
    : authorizer.decideNonResource(user, nra?.verb ?? '', nra?.path ?? '');
  return reason ? { allowed: true, reason } : { allowed: false };
}

function subjectOf(spec: ReviewSpec, kind: string): UserInfo {
  if (!spec.user && !spec.groups?.length) {
    const errs = new FieldErrors();
    errs.invalid('spec.user', spec.user ?? '', 'at least one of user or group must be specified');
    throw errs.toError(kind, 'authorization.k8s.io', '');
  }
  // A SubjectAccessReview asks about exactly the user and groups given: nothing is added.
  const user: UserInfo = { name: spec.user ?? '', groups: [...(spec.groups ?? [])] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}

async function tokenReviewStatus(scope: Scope, spec: ReviewSpec): Promise<object> {
  if (!spec.token) {
    const errs = new FieldErrors();
    errs.required('spec.token');
    throw errs.toError('TokenReview', 'authentication.k8s.io', '');
  }
  const authn = scope.deps.authn;
  const apiAudiences = authn.serviceAccounts?.apiAudiences ?? [];
  const wanted = spec.audiences?.length ? spec.audiences : apiAudiences;
  try {
    // Service-account tokens are checked against the audiences asked for; the other kinds have none.
    const user = spec.audiences?.length && authn.serviceAccounts ? authn.serviceAccounts.authenticate(spec.token, wanted) : await authenticateToken(spec.token, authn);
    if (user) return { authenticated: true, user: userInfoOf(user), audiences: wanted };
    return { user: {}, error: '[invalid bearer token, token lookup failed]' };
  } catch (err) {
    if (err instanceof RejectedToken) return { user: {}, error: `[invalid bearer token, ${err.message}]` };
    throw err;
  }
}

export async function serveReview(scope: Scope, verb: string): Promise<void> {
  const { type } = scope;
  if (verb !== 'create') throw methodNotSupported(type.plural, verb);
  const review = parseBody(await readBody(scope.req), scope.req.headers['content-type']) ?? {};
  if (typeof review !== 'object' || Array.isArray(review)) throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format');
  const spec = ((review as { spec?: ReviewSpec }).spec ?? {}) as ReviewSpec;
  let status: object;
  const metadata: Record<string, unknown> = { creationTimestamp: null };
  switch (type.plural) {
    case 'selfsubjectaccessreviews':
      status = accessStatus(scope, scope.user, spec, type.kind);
      break;
    case 'subjectaccessreviews':
      status = accessStatus(scope, subjectOf(spec, type.kind), spec, type.kind);
      break;
    case 'localsubjectaccessreviews': {
      const ns = spec.resourceAttributes?.namespace;
      if (!spec.resourceAttributes || (ns && ns !== scope.namespace)) {
        const errs = new FieldErrors();
        errs.invalid('spec.resourceAttributes.namespace', ns ?? '', 'must match metadata.namespace');
        throw errs.toError(type.kind, 'authorization.k8s.io', '');
      }
      spec.resourceAttributes.namespace = scope.namespace;
      metadata.namespace = scope.namespace;
      status = accessStatus(scope, subjectOf(spec, type.kind), spec, type.kind);
      break;
    }
    case 'selfsubjectrulesreviews':
      status = { ...scope.deps.authorizer.rulesIn(scope.user, spec.namespace || 'default'), incomplete: false };
      break;
    case 'tokenreviews':
      status = await tokenReviewStatus(scope, spec);
      break;
    case 'selfsubjectreviews':
      status = { userInfo: userInfoOf(scope.user) };
      break;
    default:
      throw methodNotSupported(type.plural, verb);
  }
  // The token asked about is not echoed back in full: kube-apiserver keeps the spec, so do we.
  sendJson(scope.res, 201, { kind: type.kind, apiVersion: `${type.group}/${scope.version}`, metadata, spec, status });
}
