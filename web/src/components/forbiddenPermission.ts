/**
 * The permission a 403 from the API server names, read from its standard message (the
 * authorizer's ForbiddenMessage in k8s.io/apiserver):
 *   User "alice" cannot delete resource "pods" in API group "" in the namespace "team-a"
 *   User "alice" cannot list resource "namespaces" in API group "" at the cluster scope
 *   User "alice" cannot get path "/metrics"
 * usually after `pods "web-0" is forbidden: `, sometimes followed by `: RBAC: ...`.
 */
export type MissingPermission =
  | { user: string; verb: string; resource: string; group: string; namespace: string }
  | { user: string; verb: string; resource: string; group: string; namespace?: undefined }
  | { user: string; verb: string; path: string };

const RESOURCE = /User "((?:[^"\\]|\\.)*)" cannot (\w+) resource "([^"]*)" in API group "([^"]*)" (?:in the namespace "([^"]*)"|at the cluster scope)/;
const PATH = /User "((?:[^"\\]|\\.)*)" cannot (\w+) path "([^"]*)"/;

/** Undefined when the message is not the API server's (a webhook's own words, say). */
export function missingPermission(message: string | undefined): MissingPermission | undefined {
  if (!message) return undefined;
  const r = RESOURCE.exec(message);
  if (r) {
    const [, user, verb, resource, group, namespace] = r;
    return namespace !== undefined ? { user: unquote(user), verb, resource, group, namespace } : { user: unquote(user), verb, resource, group };
  }
  const p = PATH.exec(message);
  if (p) return { user: unquote(p[1]), verb: p[2], path: p[3] };
  return undefined;
}

/** Go's %q escapes quotes and backslashes in a user name. */
function unquote(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** `pods`, `deployments.apps`, `pods/exec`: how kubectl names a resource of a group. */
export function resourceName(resource: string, group: string): string {
  if (!group) return resource;
  const [plural, ...sub] = resource.split('/');
  return [`${plural}.${group}`, ...sub].join('/');
}
