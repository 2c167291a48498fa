/** Which pods and containers a logs page streams: one pod's containers, or every running pod of a workload. */
import { useCallback, useMemo } from 'react';
import type { StatusBody } from '../../api/apiError.ts';
import { useRefreshingFetch, useWorkloadDetail } from '../workloads/useWorkloadDetail.ts';
import { workloadApi, type WorkloadKind } from '../workloads/workloadApi.ts';

export interface LogSubjects {
  pods: string[];
  containers: string[];
  error?: StatusBody;
  loading: boolean;
}

export function usePodSubjects(context: string, ns: string, name: string): LogSubjects {
  const load = useCallback((abort: AbortSignal) => workloadApi.podDetail(context, ns, name, abort), [context, ns, name]);
  const { detail, error } = useRefreshingFetch(load, 'once', `${context}/${ns}/${name}`);
  return useMemo(() => ({ pods: [name], containers: detail?.containers.map((c) => c.name) ?? [], error, loading: !detail && !error }), [detail, error, name]);
}

export function useWorkloadSubjects(context: string, kind: WorkloadKind, ns: string, name: string): LogSubjects {
  const ref = useMemo(() => ({ context, kind, namespace: ns, name }), [context, kind, ns, name]);
  const { detail, error } = useWorkloadDetail(ref);
  // Only the loading flag needs `detail`: whether it came, not what it holds.
  const loaded = detail !== undefined;
  const podsKey = (detail?.pods ?? [])
    .filter((p) => p.phase === 'Running' || p.restarts > 0)
    .map((p) => p.name)
    .sort()
    .join(',');
  const containersKey = (detail?.containers ?? [])
    .filter((c) => c.role !== 'init')
    .map((c) => c.name)
    .join(',');
  // Keyed on names so the streams only restart when pods come or go, not on every status change.
  return useMemo(
    () => ({ pods: podsKey ? podsKey.split(',') : [], containers: containersKey ? containersKey.split(',') : [], error, loading: !loaded && !error }),
    [podsKey, containersKey, error, loaded],
  );
}
