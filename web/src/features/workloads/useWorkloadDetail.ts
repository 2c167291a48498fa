/**
 * A workload's detail view model, kept live: the BFF joins it on request, and the page asks
 * again whenever the workload's row on the live channel changes (its ReplicaSets or pods
 * moved), so the rollout panel follows the cluster without polling.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Row } from '../../../../server/views/live/protocol.ts';
import type { WorkloadDetail } from '../../../../server/views/workloads/workloadDetail.ts';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { useLiveList } from '../../api/live.ts';
import { workloadApi, type WorkloadRef } from './workloadApi.ts';

export interface LiveDetail<D> {
  detail?: D;
  error?: StatusBody;
  /** Ask again now (after an action). */
  refresh(): void;
}

/** Fetches `load` again whenever `signal` changes, keeping the last good answer on screen meanwhile. */
export function useRefreshingFetch<D>(load: (abort: AbortSignal) => Promise<D>, signal: string, identity: string): LiveDetail<D> {
  const [state, setState] = useState<{ identity: string; detail?: D; error?: StatusBody }>({ identity });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const abort = new AbortController();
    // Several row changes in a burst cost one request.
    const timer = setTimeout(() => {
      loadRef
        .current(abort.signal)
        .then((detail) => setState({ identity, detail }))
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setState((s) => ({ identity, detail: s.identity === identity ? s.detail : undefined, error: toStatus(err) }));
        });
    }, 120);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [signal, identity, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const current = state.identity === identity ? state : { identity };
  return { detail: current.detail, error: current.error, refresh };
}

export function useWorkloadDetail(ref: WorkloadRef): LiveDetail<WorkloadDetail> {
  const rows = useLiveList<Row>(ref.kind, ref.context, [ref.namespace]);
  const key = `${ref.namespace}/${ref.name}`;
  const row = useMemo(() => rows.rows.find((r) => r.key === key), [rows.rows, key]);
  const signal = row ? JSON.stringify(row) : rows.status;
  const identity = JSON.stringify(ref);
  return useRefreshingFetch((abort) => workloadApi.detail(ref, abort), signal, identity);
}
