import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { eventually } from '../../testing/eventually.ts';
import { HPAS } from './horizontalPodAutoscaler.ts';

// At 100× the 15 s sync period is 150 ms and the 300 s scale-down window 3 s.
const demo = demoClusterForKubectl({ speed: 100 });
const ok = demo.ok;

type Hpa = { status?: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: { resource: { current: { averageUtilization: number } } }[]; conditions?: { type: string; status: string; reason: string; message: string }[] } };
const hpa = (ns: string, name: string) => demo.cluster.store.getRef(HPAS, ns, name) as Hpa | undefined;
const condition = (h: Hpa | undefined, type: string) => h?.status?.conditions?.find((c) => c.type === type);
const ready = (name: string) => demo.cluster.store.getRef('deployments.apps', 'hpa', name)?.status?.readyReplicas as number | undefined;
const replicas = (ns: string, name: string) => demo.cluster.store.getRef('deployments.apps', ns, name)?.spec?.replicas as number | undefined;

before(async () => {
  await ok(['create', 'namespace', 'hpa']);
  const web = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'hpa' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } },
    },
  };
  await ok(['create', '-f', '-'], JSON.stringify(web));
  await eventually(() => ready('web') === 1, 'web is ready', 30_000);
});

test('kubectl autoscale --cpu-percent scales the deployment up to --max, prints cpu: N%/target and says ScalingLimited TooManyReplicas', async () => {
  // The pods use well above 5% of their 100m request, so the HPA scales out until it hits max.
  await ok(['autoscale', 'deployment', 'web', '-n', 'hpa', '--cpu-percent=5', '--min=1', '--max=3']);
  await eventually(() => replicas('hpa', 'web') === 3, 'the deployment scaled to 3', 30_000);
  const limited = await eventually(() => condition(hpa('hpa', 'web'), 'ScalingLimited')?.status === 'True' && hpa('hpa', 'web'), 'ScalingLimited', 30_000);
  assert.deepEqual(
    limited.status!.conditions!.map((c) => [c.type, c.status, c.reason]).find((c) => c[0] === 'ScalingLimited'),
    ['ScalingLimited', 'True', 'TooManyReplicas'],
  );
  assert.equal(condition(limited, 'ScalingActive')?.reason, 'ValidMetricFound');
  assert.equal(condition(limited, 'ScalingActive')?.message, 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
  const out = await ok(['get', 'hpa', '-n', 'hpa']);
  assert.match(out, /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\n/);
  assert.match(out, /\nweb\s+Deployment\/web\s+cpu: \d+%\/5%\s+1\s+3\s+\d\s+\S+\n/);
  const events = demo.cluster.store.listRefs('events', 'hpa').filter((e) => e.reason === 'SuccessfulRescale').map((e) => String(e.message));
  assert.ok(events.some((m) => /^New size: \d; reason: cpu resource utilization \(percentage of request\) above target$/.test(m)), events.join('\n'));
  const described = await ok(['describe', 'hpa', 'web', '-n', 'hpa']);
  assert.match(described, /resource cpu on pods\s+\(as a percentage of request\):\s+\d+% \(\d+m\) \/ 5%/);
});

test('with a target far above the usage (500% of request) the HPA scales down only after the stabilization window, to --min', async () => {
  await ok(['patch', 'hpa', 'web', '-n', 'hpa', '--type=merge', '-p', '{"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":500}}}]}}']);
  // Within the window the recommendation is held: AbleToScale says so.
  await eventually(() => condition(hpa('hpa', 'web'), 'AbleToScale')?.reason === 'ScaleDownStabilized', 'the scale-down held by the window', 30_000);
  assert.equal(replicas('hpa', 'web'), 3);
  await eventually(() => replicas('hpa', 'web') === 1, 'scaled down to 1', 30_000);
  const events = demo.cluster.store.listRefs('events', 'hpa').filter((e) => e.reason === 'SuccessfulRescale').map((e) => String(e.message));
  assert.ok(events.includes('New size: 1; reason: All metrics below target'), events.join('\n'));
});

test('pods without a cpu request leave the HPA unable to compute: ScalingActive False FailedGetResourceMetric', async () => {
  await ok(['create', 'deployment', 'bare', '-n', 'hpa', '--image=nginx:1.27']);
  await eventually(() => ready('bare') === 1, 'bare is ready', 30_000);
  await ok(['autoscale', 'deployment', 'bare', '-n', 'hpa', '--cpu-percent=50', '--max=4']);
  const active = await eventually(() => condition(hpa('hpa', 'bare'), 'ScalingActive'), 'ScalingActive', 30_000);
  assert.equal(active.status, 'False');
  assert.equal(active.reason, 'FailedGetResourceMetric');
  assert.match(active.message, /^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod bare-[a-z0-9]+-[a-z0-9]{5}$/);
  assert.match(await ok(['get', 'hpa', 'bare', '-n', 'hpa']), /\nbare\s+Deployment\/bare\s+cpu: <unknown>\/50%\s+1\s+4\s+1\s+/);
});

test('an HPA with maxReplicas below minReplicas is invalid', async () => {
  const bad = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'bad', namespace: 'hpa' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 2 } };
  const r = await demo.kubectl(['create', '-f', '-'], { input: JSON.stringify(bad) });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /^The HorizontalPodAutoscaler "bad" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`/);
  // v1 (what kubectl autoscale writes) and v2 are one object.
  const v1 = JSON.parse(await ok(['get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-n', 'hpa', '-o', 'json'])) as { apiVersion: string; spec: { targetCPUUtilizationPercentage: number; maxReplicas: number } };
  assert.equal(v1.apiVersion, 'autoscaling/v1');
  assert.deepEqual([v1.spec.targetCPUUtilizationPercentage, v1.spec.maxReplicas], [500, 3]);
});

test('the Python client (autoscaling/v1, as python3-kubernetes 22 speaks it) creates an HPA and reads its CPU utilization and conditions', async () => {
  const script = [
    'import json, sys, time, kubernetes',
    'kubernetes.config.load_kube_config(config_file=sys.argv[1])',
    'm = kubernetes.client',
    'api = m.AutoscalingV1Api()',
    "ref = m.V1CrossVersionObjectReference(api_version='apps/v1', kind='Deployment', name='web')",
    "hpa = m.V1HorizontalPodAutoscaler(metadata=m.V1ObjectMeta(name='py'), spec=m.V1HorizontalPodAutoscalerSpec(scale_target_ref=ref, min_replicas=1, max_replicas=2, target_cpu_utilization_percentage=60))",
    "api.create_namespaced_horizontal_pod_autoscaler('hpa', hpa)",
    'for _ in range(600):',
    "    got = api.read_namespaced_horizontal_pod_autoscaler_status('py', 'hpa')",
    "    if got.status.current_cpu_utilization_percentage is not None: break",
    '    time.sleep(0.05)',
    "conditions = json.loads(got.metadata.annotations['autoscaling.alpha.kubernetes.io/conditions'])",
    "print(json.dumps({'conditions': sorted(c['type'] for c in conditions), 'v1target': got.spec.target_cpu_utilization_percentage, 'v1current': got.status.current_cpu_utilization_percentage}))",
  ].join('\n');
  const { spawn } = await import('node:child_process');
  const out = await new Promise<string>((resolve, reject) => {
    const py = spawn('/usr/bin/python3', ['-c', script, demo.kubeconfig]);
    let stdout = '';
    let stderr = '';
    py.stdout.on('data', (c: Buffer) => (stdout += c));
    py.stderr.on('data', (c: Buffer) => (stderr += c));
    py.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`python exited ${code}: ${stderr}`))));
  });
  const r = JSON.parse(out) as { conditions: string[]; v1target: number; v1current: number };
  assert.deepEqual(r.conditions, ['AbleToScale', 'ScalingActive', 'ScalingLimited']);
  assert.equal(r.v1target, 60);
  // The same object through v2 carries the utilization as currentMetrics.
  const stored = hpa('hpa', 'py');
  assert.equal(stored?.status?.currentMetrics?.[0].resource.current.averageUtilization !== undefined, true);
  assert.equal(typeof r.v1current, 'number');
});
