import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { nodeObject } from './nodes.ts';
import { deployment, namespace } from './templates.ts';

const PODS_PER_DEPLOYMENT = 100;
const PODS_PER_NODE = 110;

/**
 * `--scale N`: N more pods for benchmarks, as Deployments of 100 replicas in namespace
 * `scale`, with enough extra nodes (110 pods each, as kubelet's default) to run them.
 */
export function addScale(ctx: SimContext, pods: number): void {
  if (pods <= 0) return;
  createAdmitted(ctx, 'namespaces', namespace('scale'));
  const nodes = Math.ceil(pods / (PODS_PER_NODE - 10));
  for (let i = 0; i < nodes; i++) {
    const name = `scale-node-${String(i).padStart(3, '0')}`;
    createAdmitted(ctx, 'nodes', nodeObject({ name, cpu: '64', memory: '256Gi', pods: PODS_PER_NODE, address: `10.10.${Math.floor(i / 250)}.${(i % 250) + 2}` }));
  }
  for (let created = 0, i = 0; created < pods; i++) {
    const replicas = Math.min(PODS_PER_DEPLOYMENT, pods - created);
    const name = `load-${String(i).padStart(3, '0')}`;
    createAdmitted(ctx, 'deployments.apps', deployment('scale', name, replicas, [{ name: 'app', image: 'nginx:1.27', cpu: '10m', memory: '16Mi' }]));
    created += replicas;
  }
}

/**
 * `--churn R`: R object changes per second (wall-clock, whatever the speed), spread over
 * pods' annotations, as a busy cluster's status updates and label changes would be.
 * Returns a function that stops it.
 */
export function startChurn(ctx: SimContext, perSecond: number): () => void {
  if (perSecond <= 0) return () => {};
  let tick = 0;
  // Listing sorts every pod; refresh the candidates once a second, not on every change.
  let pods = ctx.store.listRefs('pods');
  let listedAt = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - listedAt > 1000) {
      pods = ctx.store.listRefs('pods');
      listedAt = Date.now();
    }
    if (pods.length === 0) return;
    const p = pods[Math.floor(Math.random() * pods.length)];
    tick++;
    ctx.store.mutate('pods', p.metadata.namespace, p.metadata.name!, (o) => {
      o.metadata.annotations = { ...o.metadata.annotations, 'demo.console/churn': String(tick) };
    });
  }, 1000 / perSecond);
  timer.unref();
  return () => clearInterval(timer);
}
