/**
 * For a user who may not list namespaces (the live list answered 403): the namespaces the BFF
 * found they can reach (server/views/namespaces/reachableNamespaces.ts), plus the names they
 * typed into the picker. Typed names are kept per context in localStorage — they are not
 * secrets, and the next visit should offer them again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReachableNamespaces } from '../../../server/views/namespaces/reachableNamespaces.ts';
import { toStatus, type StatusBody } from '../api/apiError.ts';
import { fetchJson } from '../api/fetchJson.ts';
import { apiUrl } from '../api/urls.ts';

const storageKey = (context: string) => `console.typedNamespaces.${context}`;

function readTyped(context: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(context)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof DOMException) return [];
    throw err;
  }
}

function writeTyped(context: string, names: readonly string[]): void {
  try {
    localStorage.setItem(storageKey(context), JSON.stringify(names));
  } catch (err) {
    if (!(err instanceof DOMException)) throw err;
    // Storage disabled: the names still count for this tab.
  }
}

export interface Reachable {
  result?: ReachableNamespaces;
  error?: StatusBody;
  /** Remember a typed namespace name and ask again. */
  add(name: string): void;
}

export function useReachableNamespaces(context: string, enabled: boolean): Reachable {
  const [typed, setTyped] = useState<string[]>(() => readTyped(context));
  const [state, setState] = useState<{ result?: ReachableNamespaces; error?: StatusBody }>({});
  useEffect(() => setTyped(readTyped(context)), [context]);

  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    const query = typed.length ? `?typed=${encodeURIComponent(typed.join(','))}` : '';
    fetchJson<ReachableNamespaces>(apiUrl(`contexts/${encodeURIComponent(context)}/reachable-namespaces${query}`), { signal: ctrl.signal }).then(
      (result) => setState({ result }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ error: toStatus(err) });
      },
    );
    return () => ctrl.abort();
  }, [context, enabled, typed]);

  const add = useCallback(
    (raw: string) => {
      const name = raw.trim().toLowerCase();
      if (!name) return;
      setTyped((current) => {
        if (current.includes(name)) return current;
        const next = [...current, name].slice(-20);
        writeTyped(context, next);
        return next;
      });
    },
    [context],
  );
  return { ...state, add };
}
