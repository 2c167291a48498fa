/** The merged logs of a Job's pods (those running or that ran and still exist), at `…/jobs/{ns}/{name}/logs`. */
import { useCallback, useMemo } from 'react';
import { useParams } from 'react-router';
import type { JobRow } from '../../../../server/views/batch/jobRow.ts';
import { useLiveList } from '../../api/live.ts';
import { LogsPage } from '../logs/LogsPage.tsx';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { jobApi } from './jobApi.ts';

export function JobLogsPage() {
  const { context = '', ns = '', name = '' } = useParams();
  const jobs = useLiveList<JobRow>('jobs', context, [ns]);
  const row = useMemo(() => jobs.rows.find((r) => r.key === `${ns}/${name}`), [jobs.rows, ns, name]);
  const load = useCallback((abort: AbortSignal) => jobApi.detail({ context, namespace: ns, name }, abort), [context, ns, name]);
  const { detail, error } = useRefreshingFetch(load, row ? JSON.stringify(row) : jobs.status, `${context}/${ns}/${name}`);
  const podsKey = (detail?.pods ?? []).filter((p) => !p.deleting).map((p) => p.name).sort().join(',');
  const containersKey = (detail?.containers ?? []).map((c) => c.name).join(',');
  const loaded = detail !== undefined;
  const subjects = useMemo(
    () => ({ pods: podsKey ? podsKey.split(',') : [], containers: containersKey ? containersKey.split(',') : [], error, loading: !loaded && !error }),
    [podsKey, containersKey, error, loaded],
  );
  return <LogsPage context={context} ns={ns} name={name} kind="jobs" subjects={subjects} />;
}
