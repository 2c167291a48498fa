import type { KubeObject } from '../../kube/object.ts';
import { rfc3339 } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';

const DAY = 24 * 3600_000;

/**
 * Namespace `batch`: a nightly backup CronJob with a few nights of history (one of them
 * failed), a cache warmer that fires every two minutes, a suspended log rotation, a ledger
 * export stuck behind its own hanging run (Forbid: every run since is skipped, more than 100 of
 * them), a report Job that runs to completion, and a schema migration that fails until its
 * backoff limit.
 */
export function seedBatch(ctx: SimContext): void {
  const backup = createAdmitted(ctx, 'cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-backup', namespace: 'batch', labels: { app: 'backup' } },
    spec: {
      schedule: '0 2 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels: { app: 'backup' } },
            spec: {
              restartPolicy: 'OnFailure',
              containers: [
                {
                  name: 'backup',
                  image: 'postgres:16.4',
                  command: ['sh', '-c', 'echo "dumping shop database"; sleep 8; echo "backup uploaded: shop-$(date +%F).sql.gz"'],
                  resources: { requests: { cpu: '200m', memory: '256Mi' } },
                },
              ],
            },
          },
        },
      },
    },
  }, new Date(Date.now() - 30 * DAY));

  const lastRun = lastDailyRun(2);
  // Four nights of history: the oldest failed (disk full), the last three succeeded.
  const nights = [4, 3, 2, 1].map((n) => new Date(lastRun.getTime() - (n - 1) * DAY));
  nights.forEach((scheduled, i) => addFinishedBackup(ctx, backup, scheduled, i === 0 ? 'failed' : 'succeeded'));
  const lastSucceeded = new Date(lastRun.getTime() + 9_000);
  ctx.store.mutate('cronjobs.batch', 'batch', 'nightly-backup', (cj) => {
    cj.status = { lastScheduleTime: rfc3339(lastRun), lastSuccessfulTime: rfc3339(lastSucceeded) };
  }, { statusOnly: true });

  createAdmitted(ctx, 'cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cache-warmer', namespace: 'batch', labels: { app: 'cache-warmer' } },
    spec: {
      schedule: '*/2 * * * *',
      concurrencyPolicy: 'Replace',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'warm', image: 'busybox:1.36', command: ['sh', '-c', 'echo "warming product cache"; sleep 5; echo "1200 keys warm"'] }],
            },
          },
        },
      },
    },
  });

  seedSuspendedCronJob(ctx);
  seedBlockedCronJob(ctx);

  createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'weekly-report', namespace: 'batch', labels: { app: 'report' } },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'report',
              image: 'python:3.12-slim',
              command: ['sh', '-c', 'echo "rendering weekly sales report"; sleep 4; echo "report written to /reports/weekly.pdf"'],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  });

  createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'schema-migration', namespace: 'batch', labels: { app: 'migration' } },
    spec: {
      backoffLimit: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'migrate', image: 'demo.registry/tools/migrate:1.5.0', env: [{ name: 'TARGET_VERSION', value: '42' }] }],
        },
      },
    },
  });
}

/** The most recent run of a daily schedule at `hour`:00 UTC. */
function lastDailyRun(hour: number, now = new Date()): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  return d.getTime() > now.getTime() ? new Date(d.getTime() - DAY) : d;
}

/** A Job the CronJob created on an earlier night, finished, with its pod kept as a real cluster keeps it. */
function addFinishedBackup(ctx: SimContext, cronJob: KubeObject, scheduled: Date, outcome: 'succeeded' | 'failed'): void {
  const name = `nightly-backup-${Math.floor(scheduled.getTime() / 60_000)}`;
  const jobTemplate = structuredClone(cronJob.spec.jobTemplate);
  const job = createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'batch',
      labels: { app: 'backup' },
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(scheduled) },
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly-backup', uid: cronJob.metadata.uid!, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: jobTemplate.spec,
  }, scheduled);

  const started = new Date(scheduled.getTime() + 1_000);
  const finished = new Date(started.getTime() + (outcome === 'succeeded' ? 8_000 : 30_000));
  const at = rfc3339(finished);
  const conditions =
    outcome === 'succeeded'
      ? [
          { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: at, lastTransitionTime: at },
          { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: at, lastTransitionTime: at },
        ]
      : [
          { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: at, lastTransitionTime: at },
          { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: at, lastTransitionTime: at },
        ];
  ctx.store.mutate('jobs.batch', 'batch', name, (j) => {
    j.status = {
      startTime: rfc3339(started),
      ...(outcome === 'succeeded' ? { completionTime: at, succeeded: 1 } : { failed: 2 }),
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions,
    };
  }, { statusOnly: true });

  const template = job.spec.template;
  const pod = createAdmitted(ctx, 'pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${podSuffix(name)}`,
      namespace: 'batch',
      labels: { ...template.metadata?.labels },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...structuredClone(template.spec), nodeName: 'node-b' },
  }, started);
  const c = template.spec.containers[0];
  const exitCode = outcome === 'succeeded' ? 0 : 1;
  ctx.store.mutate('pods', 'batch', pod.metadata.name!, (p) => {
    p.status = {
      phase: outcome === 'succeeded' ? 'Succeeded' : 'Failed',
      hostIP: '192.168.49.3',
      podIP: '10.244.1.' + (10 + (scheduled.getUTCDate() % 200)),
      startTime: rfc3339(started),
      qosClass: 'Burstable',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(started) },
        { type: 'Initialized', status: 'True', lastTransitionTime: rfc3339(started) },
        { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: at },
        { type: 'ContainersReady', status: 'False', reason: 'PodCompleted', lastTransitionTime: at },
      ],
      containerStatuses: [
        {
          name: c.name,
          image: c.image,
          imageID: `docker.io/library/${c.image}@sha256:${'4f'.repeat(32)}`,
          containerID: `containerd://${'9c'.repeat(32)}`,
          ready: false,
          started: false,
          restartCount: 0,
          state: {
            terminated: {
              exitCode,
              reason: outcome === 'succeeded' ? 'Completed' : 'Error',
              ...(outcome === 'failed' ? { message: 'pg_dump: error: could not write to output file: No space left on device' } : {}),
              startedAt: rfc3339(started),
              finishedAt: at,
            },
          },
        },
      ],
    };
  }, { statusOnly: true });
}

function podSuffix(seed: string): string {
  const letters = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += letters[h % letters.length];
    h = Math.floor(h / letters.length) + 7 * (i + 1);
  }
  return s;
}

/** `log-rotate`: suspended by an operator a few hours ago; it last ran on the hour before that. */
function seedSuspendedCronJob(ctx: SimContext): void {
  createAdmitted(ctx, 'cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'log-rotate', namespace: 'batch', labels: { app: 'log-rotate' } },
    spec: {
      schedule: '0 * * * *',
      suspend: true,
      concurrencyPolicy: 'Allow',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'rotate', image: 'busybox:1.36', command: ['sh', '-c', 'echo "rotating /var/log/app"; sleep 3; echo "rotated 4 files"'] }],
            },
          },
        },
      },
    },
  }, new Date(Date.now() - 10 * DAY));
  const lastHour = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3 * 3600_000);
  ctx.store.mutate('cronjobs.batch', 'batch', 'log-rotate', (cj) => {
    cj.status = { lastScheduleTime: rfc3339(lastHour), lastSuccessfulTime: rfc3339(new Date(lastHour.getTime() + 5_000)) };
  }, { statusOnly: true });
}

/**
 * `ledger-export`: every five minutes with concurrencyPolicy Forbid and no starting deadline;
 * its run of two days ago hangs on an upstream that never answers, so the controller has skipped
 * every run since (JobAlreadyActive) and counts more than 100 missed start times.
 */
function seedBlockedCronJob(ctx: SimContext): void {
  const started = new Date(Math.floor((Date.now() - 2 * DAY) / 300_000) * 300_000);
  const cj = createAdmitted(ctx, 'cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'ledger-export', namespace: 'batch', labels: { app: 'ledger-export' } },
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'export', image: 'busybox:1.36', command: ['sh', '-c', 'echo "connecting to ledger.finance.svc:5432"; sleep 31536000'] }],
            },
          },
        },
      },
    },
  }, new Date(started.getTime() - DAY));
  const name = `ledger-export-${Math.floor(started.getTime() / 60_000)}`;
  const job = createAdmitted(ctx, 'jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'batch',
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(started) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'ledger-export', uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(cj.spec.jobTemplate.spec),
  }, started);
  ctx.store.mutate('cronjobs.batch', 'batch', 'ledger-export', (c) => {
    c.status = {
      lastScheduleTime: rfc3339(started),
      active: [{ kind: 'Job', namespace: 'batch', name, uid: job.metadata.uid!, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }],
    };
  }, { statusOnly: true });
}
