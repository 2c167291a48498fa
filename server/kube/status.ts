/** A Kubernetes `Status` failure. Every error the demo cluster returns is one of these. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string; resourceVersion?: string };
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly listMeta?: { continue?: string },
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const status: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.listMeta ?? {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** `group` is '' for the core group; `resource` is the plural (pods, deployments.apps is written by the caller). */
function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const notFound = (resource: string, group: string, name: string) =>
  new ApiError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group: group || undefined, kind: resource });

export const alreadyExists = (resource: string, group: string, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, { name, group: group || undefined, kind: resource });

export const conflict = (resource: string, group: string, name: string) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: group || undefined, kind: resource },
  );

export const invalid = (kind: string, group: string, name: string, causes: (StatusCause & { field: string; message: string })[]) =>
  new ApiError(
    422,
    'Invalid',
    `${kind}${group ? '.' + group : ''} "${name}" is invalid: ${listOfErrors(causes.map((c) => `${c.field}: ${c.message}`))}`,
    { name, group: group || undefined, kind, causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })) },
  );

/** As apimachinery's ErrorList: one error alone, several as `[a, b]`. */
function listOfErrors(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const methodNotSupported = (resource: string, verb: string) =>
  new ApiError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${resource}"`);

export const expired = (message: string, continueToken?: string) =>
  new ApiError(410, 'Expired', message, undefined, continueToken ? { continue: continueToken } : undefined);

export const gone = expired;

export const forbidden = (user: string, verb: string, resource: string, group: string, namespace: string | undefined, name?: string) =>
  new ApiError(
    403,
    'Forbidden',
    `${qualified(resource, group)}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}"${namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope'}`,
    { name, group: group || undefined, kind: resource },
  );

export const unauthorized = () => new ApiError(401, 'Unauthorized', 'Unauthorized');

export const internalError = (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
