/**
 * What the current identity may do to one object, asked once per view (the BFF caches the
 * SelfSubjectAccessReviews too). Unknown while asking: buttons stay enabled until a "no".
 */
import { useEffect, useState } from 'react';
import type { AccessAnswer } from '../../../../server/actions/canI.ts';
import type { useT } from '../../i18n/I18nProvider.tsx';
import { workloadApi } from './workloadApi.ts';

export interface Permission {
  verb: 'update' | 'patch' | 'delete' | 'create';
  resource: string;
  group?: string;
  subresource?: string;
}

export type Permissions = Readonly<Record<string, AccessAnswer | undefined>>;

export const permissionKey = (p: Permission) => `${p.verb} ${p.group ? `${p.resource}.${p.group}` : p.resource}${p.subresource ? `/${p.subresource}` : ''}`;

export function useCanI(context: string, namespace: string, name: string, asks: readonly Permission[]): Permissions {
  const [answers, setAnswers] = useState<Permissions>({});
  const key = JSON.stringify([context, namespace, name, asks]);
  useEffect(() => {
    // The inputs come back out of `key`: callers' fresh `asks` arrays each render do not ask again.
    const [context, namespace, name, asks] = JSON.parse(key) as [string, string, string, Permission[]];
    let live = true;
    setAnswers({});
    for (const p of asks) {
      workloadApi
        .canI(context, { verb: p.verb, resource: p.resource, ...(p.group ? { group: p.group } : {}), ...(p.subresource ? { subresource: p.subresource } : {}), namespace, name })
        .then((a) => live && setAnswers((prev) => ({ ...prev, [permissionKey(p)]: a })))
        // A failed review is not a "no": the API server will still judge the write.
        .catch(() => {});
    }
    return () => {
      live = false;
    };
  }, [key]);
  return answers;
}

/** Why an action is disabled (for its hover text), or undefined while allowed or not yet answered. */
export function denial(answers: Permissions, key: string, t: ReturnType<typeof useT>): string | undefined {
  const a = answers[key];
  if (!a || a.allowed) return undefined;
  return a.reason ? t('actions.denied', { what: key, reason: a.reason }) : t('actions.deniedBare', { what: key });
}
