/**
 * The CronJob actions under `{BASE}/api/contexts/:context/`: the served batch version, create
 * (form or manifest), trigger now, suspend, resume, a new schedule and delete. Every request
 * reads and writes CronJobs in the version discovery found (batch/v1, else v1beta1, else
 * v2alpha1); writes to an existing CronJob are checked against what the page showed (uid and
 * generation, asSeen.ts) and based on what was read, so a racing edit is a 409 that says why.
 * Mounted before the general actions router, so a CronJob's delete uses the served version too.
 */
import { Router, type Request } from 'express';
import { registryOf, type ClusterContext, type ClusterRegistry } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { API_HEADERS } from '../http/headers.ts';
import { invalidNameMessage, quoted } from '../kube/names.ts';
import type { KubeObject } from '../kube/object.ts';
import { cronJobVersionOf, type CronJobVersion } from '../views/batch/batchVersion.ts';
import { cronJobResource } from '../views/batch/cronJobRow.ts';
import { asSeen, changedSince, deleteAsSeen, seenIn } from './asSeen.ts';
import { checkedSchedule, checkedJobName, cronJobFromForm, cronJobFromManifest, jobFromCronJob, manualJobName, randomSuffix, setSchedule, setSuspended } from './cronJobEdits.ts';
import { collectionPath, kindOf, objectPath } from './kinds.ts';
import { sendKubeStatus } from './router.ts';

type Handler = (ctx: ClusterContext, req: Request, version: CronJobVersion) => Promise<unknown>;

const JOBS = kindOf('jobs');

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

function body(req: Request): Record<string, unknown> {
  const b: unknown = req.body ?? {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('the request body must be a JSON object');
  return b as Record<string, unknown>;
}

function checkedNamespace(ns: string): string {
  const problem = invalidNameMessage('metadata.namespace', 'dns1123Label', ns);
  if (problem) throw badRequest(`namespace ${quoted(ns)}: ${problem}`);
  return ns;
}

function checkedCronJob(req: Request): { ns: string; name: string } {
  const ns = checkedNamespace(param(req, 'ns'));
  const name = param(req, 'name');
  const problem = invalidNameMessage('metadata.name', 'dns1123Subdomain', name);
  if (problem) throw badRequest(`CronJob ${quoted(name)} in namespace ${quoted(ns)}: ${problem}`);
  return { ns, name };
}

export function cronJobRouter(clusters: ClusterRegistry, versionOf: (ctx: ClusterContext) => Promise<CronJobVersion> = cronJobVersionOf): Router {
  const router = Router();
  const route = (method: 'get' | 'put' | 'post' | 'delete', path: string, handler: Handler, status = 200) => {
    router[method](`/contexts/:context${path}`, async (req, res, next) => {
      const ctx = registryOf(req, clusters).get(param(req, 'context'));
      if (!ctx) return sendKubeStatus(res, next, new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${param(req, 'context').slice(0, 253)}"`)));
      try {
        const version = await versionOf(ctx);
        res.set(API_HEADERS).status(status).json(await handler(ctx, req, version));
      } catch (err) {
        sendKubeStatus(res, next, err);
      }
    });
  };
  const cronJobPath = (version: CronJobVersion, ns: string, name: string) => objectPath(cronJobResource(version), ns, name);
  /** Read, check it is the CronJob the page showed, change it, PUT it back based on what was read. */
  const edit = (ctx: ClusterContext, req: Request, version: CronJobVersion, change: (cj: KubeObject, name: string) => void) => {
    const { ns, name } = checkedCronJob(req);
    const b = body(req);
    const seen = seenIn(b, true);
    const path = cronJobPath(version, ns, name);
    return asSeen(ctx, path, seen, (cj) => {
      change(cj, name);
      return kubeJson<KubeObject>(ctx, path, { method: 'PUT', body: cj });
    });
  };

  route('get', '/cronjob-version', async (_ctx, _req, version) => ({ group: 'batch', version, apiVersion: `batch/${version}` }));

  route('post', '/namespaces/:ns/cronjobs', (ctx, req, version) => {
    const ns = checkedNamespace(param(req, 'ns'));
    const b = body(req);
    const obj = b.manifest !== undefined ? cronJobFromManifest(b.manifest, ns, version) : cronJobFromForm(b, ns, version);
    return kubeJson<KubeObject>(ctx, collectionPath(cronJobResource(version), ns), { method: 'POST', body: obj });
  }, 201);

  route('post', '/namespaces/:ns/cronjobs/:name/trigger', async (ctx, req, version) => {
    const { ns, name } = checkedCronJob(req);
    const b = body(req);
    const seen = seenIn(b, false);
    const jobName = b.jobName === undefined || b.jobName === '' ? manualJobName(name, randomSuffix()) : checkedJobName(b.jobName);
    const cj = await kubeJson<KubeObject>(ctx, cronJobPath(version, ns, name));
    // Only the object seen matters here (a re-created CronJob is another one); its spec may have moved on.
    const changed = changedSince(cj, { uid: seen.uid });
    if (changed) throw new KubeStatusError(failureStatus(409, 'Conflict', changed));
    return kubeJson<KubeObject>(ctx, collectionPath(JOBS, ns), { method: 'POST', body: jobFromCronJob(cj, jobName, version) });
  }, 201);

  for (const action of ['suspend', 'resume'] as const) {
    route('post', `/namespaces/:ns/cronjobs/:name/${action}`, (ctx, req, version) => edit(ctx, req, version, (cj) => setSuspended(cj, action === 'suspend')));
  }

  route('put', '/namespaces/:ns/cronjobs/:name/schedule', (ctx, req, version) => {
    const b = body(req);
    const { name } = checkedCronJob(req);
    const checked = checkedSchedule(name, b.schedule, b.timeZone, version);
    return edit(ctx, req, version, (cj) => setSchedule(cj, checked));
  });

  route('delete', '/namespaces/:ns/cronjobs/:name', (ctx, req, version) => {
    const { ns, name } = checkedCronJob(req);
    const b = body(req);
    if (typeof b.confirmName !== 'string' || b.confirmName !== name) throw badRequest(`type the name "${name}" to confirm the deletion`);
    const policy = b.propagationPolicy ?? 'Background';
    if (!['Foreground', 'Background', 'Orphan'].includes(String(policy))) throw badRequest('propagationPolicy must be Foreground, Background or Orphan');
    return deleteAsSeen(ctx, cronJobPath(version, ns, name), seenIn(b, false), String(policy));
  });
  return router;
}
