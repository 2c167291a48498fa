/**
 * Turns a Kubernetes Status into what an operator needs: one sentence saying what happened,
 * one saying what to do, and the field causes of an Invalid. Pure, so every reason is tested.
 */
import type { StatusBody } from '../api/apiError.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Translate } from '../i18n/translate.ts';
import { missingPermission, resourceName } from './forbiddenPermission.ts';

export interface StatusSentence {
  what: string;
  todo: string;
  /** `field: message` lines (Invalid), shown as a list. */
  causes: string[];
  /** The server's own message, when the sentence does not already contain it. */
  serverMessage?: string;
}

/** `context` names the cluster the request went to, for "cannot reach cluster X". */
export function statusSentence(status: StatusBody, t: Translate, context?: string): StatusSentence {
  const d = status.details;
  const what = d?.name ? t('status.namedObject', { kind: d.kind ?? '', name: d.name }).trim() : t('status.thisObject');
  const ctx = context ?? '';
  const message = status.message || status.reason;
  const sentence = (whatKey: Parameters<Translate>[0], todoKey: Parameters<Translate>[0], keepServerMessage = true): StatusSentence => ({
    what: t(whatKey, { what, message, context: ctx }),
    todo: t(todoKey, { seconds: d?.retryAfterSeconds ?? 1 }),
    causes: [],
    serverMessage: keepServerMessage && message ? message : undefined,
  });

  // "You (alice) may not delete pods in namespace team-a.", the API server's words kept below it.
  const forbidden = (): StatusSentence => {
    const p = missingPermission(status.message);
    if (!p) return sentence('status.forbidden', 'status.forbidden.do', false);
    const verbKey = `verb.${p.verb}` as MessageKey;
    const verb = t(verbKey) === verbKey ? p.verb : t(verbKey);
    const todo = t('status.forbidden.do');
    if ('path' in p) return { what: t('status.forbiddenPath', { user: p.user, verb, path: p.path }), todo, causes: [], serverMessage: message };
    const resource = resourceName(p.resource, p.group);
    const what =
      p.namespace !== undefined
        ? t('status.forbiddenNamespaced', { user: p.user, verb, resource, namespace: p.namespace })
        : t('status.forbiddenCluster', { user: p.user, verb, resource });
    return { what, todo, causes: [], serverMessage: message };
  };

  switch (status.reason) {
    case 'NotFound':
      return sentence('status.notFound', 'status.notFound.do');
    case 'Forbidden':
      return forbidden();
    case 'Conflict':
      return sentence('status.conflict', 'status.conflict.do');
    case 'AlreadyExists':
      return sentence('status.alreadyExists', 'status.alreadyExists.do');
    case 'Invalid':
      return {
        ...sentence('status.invalid', 'status.invalid.do'),
        causes: (d?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? c.reason ?? ''}` : (c.message ?? c.reason ?? ''))),
      };
    case 'Unauthorized':
      // The console's sign-in gate, not the cluster: the user's session is over (the sign-in dialog is up).
      if (d?.causes?.some((c) => c.reason === 'SessionRequired' || c.reason === 'SessionExpired')) return sentence('status.sessionEnded', 'status.sessionEnded.do', false);
      return sentence('status.unauthorized', 'status.unauthorized.do');
    case 'Expired':
    case 'Gone':
      return sentence('status.expired', 'status.expired.do');
    case 'Timeout':
    case 'ServerTimeout':
      return sentence('status.timeout', 'status.timeout.do');
    case 'TooManyRequests': {
      // An eviction refused by a PodDisruptionBudget is a 429 too, but waiting a second will not help.
      const budget = d?.causes?.find((c) => c.reason === 'DisruptionBudget');
      if (budget) return { ...sentence('status.disruptionBudget', 'status.disruptionBudget.do', false), causes: [budget.message ?? ''] };
      return sentence('status.tooMany', 'status.tooMany.do');
    }
    case 'NetworkError':
      return sentence('status.network', 'status.network.do');
    case 'ServiceUnavailable':
    case 'BadGateway':
      return sentence('status.unavailable', 'status.unavailable.do');
  }
  // Reasons a server left generic: fall back on the HTTP code.
  switch (status.code) {
    case 401:
      return sentence('status.unauthorized', 'status.unauthorized.do');
    case 403:
      return forbidden();
    case 404:
      return sentence('status.notFound', 'status.notFound.do');
    case 409:
      return sentence('status.conflict', 'status.conflict.do');
    case 410:
      return sentence('status.expired', 'status.expired.do');
    case 502:
    case 503:
      return sentence('status.unavailable', 'status.unavailable.do');
    case 504:
      return sentence('status.timeout', 'status.timeout.do');
  }
  const large = largeScaleUp(status);
  if (large) return { ...sentence('status.largeScaleUp', 'status.largeScaleUp.do', false), what: t('status.largeScaleUp', { ...large, added: large.to - large.from }) };
  if (status.code >= 400 && status.code < 500) return sentence('status.badRequest', 'status.badRequest.do', false);
  return sentence('status.internal', 'status.internal.do', false);
}

/** The console's refusal to add more than 1,000 replicas in one step: its cause carries `from→to`. */
export function largeScaleUp(status: StatusBody): { from: number; to: number } | undefined {
  const cause = status.details?.causes?.find((c) => c.reason === 'LargeScaleUp');
  const m = /^(\d+)→(\d+)$/.exec(cause?.message ?? '');
  return m ? { from: Number(m[1]), to: Number(m[2]) } : undefined;
}
