/** The cluster contexts the BFF offers (`GET {base}api/contexts`), never with credentials. */
import { useEffect, useState } from 'react';
import { toStatus, type StatusBody } from './apiError.ts';
import { fetchJson } from './fetchJson.ts';
import { apiUrl } from './urls.ts';
import type { ContextSummary } from '../../../server/clusters/routes.ts';

export type ContextInfo = ContextSummary;

export interface ContextList {
  contexts: ContextInfo[];
  current: string;
}

export async function loadContexts(signal?: AbortSignal): Promise<ContextList> {
  const contexts = await fetchJson<ContextSummary[]>(apiUrl('contexts'), { signal });
  return { contexts, current: contexts.find((c) => c.current)?.name ?? contexts[0]?.name ?? '' };
}

export interface ContextsState {
  list?: ContextList;
  error?: StatusBody;
}

/** The last list loaded, so a view mounted after the root redirect starts from it instead of empty. */
let lastLoaded: ContextList | undefined;

/**
 * The contexts, refreshed once per mount (reachability is checked by the BFF at request time).
 * Starts from the last list this page loaded, so the switcher never flashes a one-entry list.
 */
export function useContexts(): ContextsState {
  const [state, setState] = useState<ContextsState>(() => (lastLoaded ? { list: lastLoaded } : {}));
  useEffect(() => {
    const ctrl = new AbortController();
    loadContexts(ctrl.signal).then(
      (list) => {
        lastLoaded = list;
        setState({ list });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ error: toStatus(err) });
      },
    );
    return () => ctrl.abort();
  }, []);
  return state;
}
