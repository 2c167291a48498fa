import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';

/**
 * Jobs in namespace `batch` that are still running when the console opens, so their pages
 * show progress moving (the seed's other Jobs, in batch.ts, have finished or fail quickly):
 *
 * - `thumbnail-render`: an Indexed Job, 6 completions 2 at a time. Each pod reads its index from
 *   JOB_COMPLETION_INDEX (the env the job controller adds from the
 *   batch.kubernetes.io/job-completion-index label) and sleeps `${index}45` seconds (45 s,
 *   145 s, 245 s…), so index 0 completes within a minute and the last about 17 minutes after
 *   start.
 * - `search-reindex`: a parallel Job with a fixed count, 10 completions 3 at a time, each pod
 *   working 2.5 minutes: four waves, about 10 minutes in all.
 */
export function seedJobs(ctx: SimContext): void {
  createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'thumbnail-render', namespace: 'batch', labels: { app: 'thumbnails' } },
    spec: {
      completions: 6,
      parallelism: 2,
      completionMode: 'Indexed',
      backoffLimit: 3,
      template: {
        metadata: { labels: { app: 'thumbnails' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'render',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'echo "rendering thumbnails of shard $JOB_COMPLETION_INDEX"; sleep ${JOB_COMPLETION_INDEX}45; echo "shard $JOB_COMPLETION_INDEX: 2400 images rendered"'],
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  });

  createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'search-reindex', namespace: 'batch', labels: { app: 'search' } },
    spec: {
      completions: 10,
      parallelism: 3,
      backoffLimit: 4,
      activeDeadlineSeconds: 3600,
      template: {
        metadata: { labels: { app: 'search' } },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: 'reindex',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'echo "reindexing a batch of products"; sleep 150; echo "batch reindexed"'],
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  });
}
