/**
 * Writing cases: create, apply (client- and server-side), scale, set image, rollouts, labels,
 * patches, deletes and waits, with kubectl 1.32's wording of each result. Every case makes
 * its own objects (named after the case) so any subset runs alone.
 */
import { NS, all, check, eventually, fails, succeeds, type Case, type Harness } from './harness.ts';

const n = ['-n', NS];

const deployment = (name: string, replicas = 1, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
`;

async function jsonpath(h: Harness, args: string[], path: string): Promise<string> {
  return (await h.kubectl(['get', ...args, ...n, '-o', `jsonpath=${path}`])).stdout;
}

/** Creates a deployment and waits until it has rolled out. */
async function rolledOut(h: Harness, name: string, replicas = 1): Promise<boolean> {
  const c = await h.kubectl(['apply', '-f', '-'], { input: deployment(name, replicas) });
  if (c.code !== 0) return false;
  return (await h.kubectl(['rollout', 'status', `deploy/${name}`, ...n, '--timeout=90s'], { timeoutMs: 100_000 })).code === 0;
}

const simple = (name: string, args: string[], ...patterns: (RegExp | string)[]): Case => ({ area: 'kubectl', name, run: async (h) => succeeds(await h.kubectl(args), ...patterns) });

export const writeCases: Case[] = [
  simple('create deployment', ['create', 'deployment', 'cd-web', '--image=nginx:1.27', '--replicas=2', ...n], /^deployment\.apps\/cd-web created$/m),
  {
    area: 'kubectl',
    name: 'create job runs to completion',
    run: async (h) => {
      const c = await h.kubectl(['create', 'job', 'cj-once', '--image=busybox:1.36', ...n, '--', 'sh', '-c', 'echo done']);
      const w = await h.kubectl(['wait', '--for=condition=complete', 'job/cj-once', ...n, '--timeout=90s'], { timeoutMs: 100_000 });
      return all(succeeds(c, /^job\.batch\/cj-once created$/m), succeeds(w, /^job\.batch\/cj-once condition met$/m), succeeds(await h.kubectl(['logs', 'job/cj-once', ...n]), /^done$/m));
    },
  },
  simple('create job --from=cronjob', ['create', 'job', 'manual-backup', '--from=cronjob/nightly-backup', '-n', 'batch'], /^job\.batch\/manual-backup created$/m),
  simple('create cronjob', ['create', 'cronjob', 'cc-tick', '--image=busybox:1.36', '--schedule=*/5 * * * *', ...n, '--', 'date'], /^cronjob\.batch\/cc-tick created$/m),
  {
    area: 'kubectl',
    name: 'create configmap --from-literal and --from-file',
    run: async (h) => {
      const c = await h.kubectl(['create', 'configmap', 'cm-lit', '--from-literal=mode=fast', '--from-literal=level=3', ...n]);
      return all(succeeds(c, /^configmap\/cm-lit created$/m), succeeds(await h.kubectl(['get', 'cm', 'cm-lit', ...n, '-o', 'jsonpath={.data.level}/{.data.mode}']), /^3\/fast$/));
    },
  },
  {
    area: 'kubectl',
    name: 'create secret generic (base64 stored)',
    run: async (h) => {
      const c = await h.kubectl(['create', 'secret', 'generic', 'sec-gen', '--from-literal=token=abc123', ...n]);
      const v = await h.kubectl(['get', 'secret', 'sec-gen', ...n, '-o', 'jsonpath={.data.token}']);
      return all(succeeds(c, /^secret\/sec-gen created$/m), check(Buffer.from(v.stdout, 'base64').toString() === 'abc123', v.stdout, 'base64 of abc123'));
    },
  },
  simple('create secret docker-registry', ['create', 'secret', 'docker-registry', 'sec-reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p', ...n], /^secret\/sec-reg created$/m),
  simple('create service clusterip', ['create', 'service', 'clusterip', 'svc-made', '--tcp=8080:80', ...n], /^service\/svc-made created$/m),
  simple('create namespace', ['create', 'namespace', 'fidelity-made'], /^namespace\/fidelity-made created$/m),
  simple('create token for a service account', ['create', 'token', 'default', ...n, '--duration=10m'], /^eyJ[\w-]+\.[\w-]+\.[\w-]+\n?$/),
  simple('create serviceaccount, role and rolebinding', ['create', 'serviceaccount', 'reader', ...n], /^serviceaccount\/reader created$/m),
  simple('create role', ['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods', ...n], /^role\.rbac\.authorization\.k8s\.io\/pod-reader created$/m),
  simple('create ingress', ['create', 'ingress', 'ing-web', '--rule=shop.example/*=web:80', ...n], /^ingress\.networking\.k8s\.io\/ing-web created$/m),
  simple('create quota', ['create', 'quota', 'q-pods', '--hard=pods=50', ...n], /^resourcequota\/q-pods created$/m),
  simple('expose deployment', ['expose', 'deployment', 'web', '--name=web-exposed', '--port=8080', '--target-port=80', ...n], /^service\/web-exposed exposed$/m),
  simple('run a pod', ['run', 'run-pod', '--image=nginx:1.27', ...n], /^pod\/run-pod created$/m),
  simple('autoscale (HPA)', ['autoscale', 'deployment', 'web', '--min=2', '--max=4', '--cpu-percent=80', ...n], /^horizontalpodautoscaler\.autoscaling\/web autoscaled$/m),
  {
    area: 'kubectl',
    name: 'create of an existing name',
    run: async (h) => fails(await h.kubectl(['create', 'configmap', 'dup', ...n]).then(() => h.kubectl(['create', 'configmap', 'dup', ...n])), /^error: failed to create configmap: configmaps "dup" already exists$/m, 1),
  },
  {
    area: 'kubectl',
    name: 'apply creates, re-apply is unchanged, then configured',
    run: async (h) => {
      const a = await h.kubectl(['apply', '-f', '-'], { input: deployment('ap-web') });
      const b = await h.kubectl(['apply', '-f', '-'], { input: deployment('ap-web') });
      const c = await h.kubectl(['apply', '-f', '-'], { input: deployment('ap-web', 2) });
      return all(succeeds(a, /^deployment\.apps\/ap-web created$/m), succeeds(b, /^deployment\.apps\/ap-web unchanged$/m), succeeds(c, /^deployment\.apps\/ap-web configured$/m));
    },
  },
  {
    area: 'kubectl',
    name: 'apply --server-side records managedFields',
    run: async (h) => {
      const a = await h.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment('ssa-web') });
      const m = await h.kubectl(['get', 'deploy', 'ssa-web', ...n, '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}:{.metadata.managedFields[*].operation}']);
      return all(succeeds(a, /^deployment\.apps\/ssa-web serverside-applied$/m), succeeds(m, /kubectl.*:.*Apply/));
    },
  },
  {
    area: 'kubectl',
    name: 'apply --server-side conflict between managers',
    run: async (h) => {
      await h.kubectl(['apply', '--server-side', '--field-manager=team-a', '-f', '-'], { input: deployment('ssa-conf', 1) });
      const r = await h.kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], { input: deployment('ssa-conf', 3) });
      return fails(r, /Apply failed with 1 conflict: conflict with "team-a": \.spec\.replicas/);
    },
  },
  {
    area: 'kubectl',
    name: 'apply with an unknown field (strict validation)',
    run: async (h) => fails(await h.kubectl(['apply', '-f', '-'], { input: deployment('strict-web').replace('  replicas: 1', '  replicas: 1\n  replicaz: 2') }), /strict decoding error: unknown field "spec\.replicaz"/),
  },
  {
    area: 'kubectl',
    name: 'apply --dry-run=server creates nothing',
    run: async (h) => {
      const r = await h.kubectl(['apply', '--dry-run=server', '-f', '-'], { input: deployment('dry-web') });
      const g = await h.kubectl(['get', 'deploy', 'dry-web', ...n]);
      return all(succeeds(r, /^deployment\.apps\/dry-web created \(server dry run\)$/m), fails(g, /NotFound/));
    },
  },
  {
    area: 'kubectl',
    name: 'diff shows a change and exits 1',
    run: async (h) => {
      await h.kubectl(['apply', '-f', '-'], { input: deployment('diff-web') });
      const same = await h.kubectl(['diff', '-f', '-'], { input: deployment('diff-web') });
      const changed = await h.kubectl(['diff', '-f', '-'], { input: deployment('diff-web', 3) });
      return all(check(same.code === 0 && same.stdout === '', `exit ${same.code} ${same.stdout}${same.stderr}`, 'exit 0, no diff'), check(changed.code === 1 && /^- {2}replicas: 1$/m.test(changed.stdout) && /^\+ {2}replicas: 3$/m.test(changed.stdout), `exit ${changed.code} ${changed.stdout.slice(0, 200)}${changed.stderr}`, 'exit 1, -replicas: 1 +replicas: 3'));
    },
  },
  {
    area: 'kubectl',
    name: 'scale a deployment and its pods follow',
    run: async (h) => {
      if (!(await rolledOut(h, 'sc-web'))) return check(false, 'rollout failed', 'sc-web rolled out');
      const s = await h.kubectl(['scale', 'deploy/sc-web', '--replicas=3', ...n]);
      const ready = await eventually(async () => (await jsonpath(h, ['deploy', 'sc-web'], '{.status.readyReplicas}')) === '3', 90_000);
      return all(succeeds(s, /^deployment\.apps\/sc-web scaled$/m), check(ready, 'readyReplicas never 3', 'readyReplicas 3'));
    },
  },
  {
    area: 'kubectl',
    name: 'set image, rollout status and history',
    run: async (h) => {
      if (!(await rolledOut(h, 'si-web'))) return check(false, 'rollout failed', 'si-web rolled out');
      const s = await h.kubectl(['set', 'image', 'deploy/si-web', 'web=nginx:1.28', ...n]);
      const st = await h.kubectl(['rollout', 'status', 'deploy/si-web', ...n, '--timeout=90s'], { timeoutMs: 100_000 });
      const hist = await h.kubectl(['rollout', 'history', 'deploy/si-web', ...n]);
      return all(succeeds(s, /^deployment\.apps\/si-web image updated$/m), succeeds(st, /deployment "si-web" successfully rolled out$/m), succeeds(hist, /^deployment\.apps\/si-web $/m, /^REVISION\s+CHANGE-CAUSE$/m, /^1\s+<none>$/m, /^2\s+<none>$/m));
    },
  },
  {
    area: 'kubectl',
    name: 'rollout undo reuses the old ReplicaSet',
    run: async (h) => {
      if (!(await rolledOut(h, 'undo-web'))) return check(false, 'rollout failed', 'undo-web rolled out');
      await h.kubectl(['set', 'image', 'deploy/undo-web', 'web=nginx:1.28', ...n]);
      await h.kubectl(['rollout', 'status', 'deploy/undo-web', ...n, '--timeout=90s'], { timeoutMs: 100_000 });
      const u = await h.kubectl(['rollout', 'undo', 'deploy/undo-web', ...n]);
      await h.kubectl(['rollout', 'status', 'deploy/undo-web', ...n, '--timeout=90s'], { timeoutMs: 100_000 });
      const rs = await h.kubectl(['get', 'rs', ...n, '-l', 'app=undo-web', '-o', 'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}{" "}{.spec.template.spec.containers[0].image}{"\\n"}{end}']);
      const lines = rs.stdout.trim().split('\n').sort();
      return all(succeeds(u, /^deployment\.apps\/undo-web rolled back$/m), check(lines.join('|') === '2 nginx:1.28|3 nginx:1.27', lines.join('|'), 'two ReplicaSets: 2 nginx:1.28|3 nginx:1.27'));
    },
  },
  {
    area: 'kubectl',
    name: 'rollout restart sets restartedAt',
    run: async (h) => {
      if (!(await rolledOut(h, 'rs-web'))) return check(false, 'rollout failed', 'rs-web rolled out');
      const r = await h.kubectl(['rollout', 'restart', 'deploy/rs-web', ...n]);
      const at = await jsonpath(h, ['deploy', 'rs-web'], '{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}');
      return all(succeeds(r, /^deployment\.apps\/rs-web restarted$/m), check(/^\d{4}-\d\d-\d\dT/.test(at), at, 'an RFC 3339 restartedAt'));
    },
  },
  {
    area: 'kubectl',
    name: 'rollout pause and resume',
    run: async (h) => {
      await h.kubectl(['apply', '-f', '-'], { input: deployment('pause-web') });
      const p = await h.kubectl(['rollout', 'pause', 'deploy/pause-web', ...n]);
      const again = await h.kubectl(['rollout', 'pause', 'deploy/pause-web', ...n]);
      const r = await h.kubectl(['rollout', 'resume', 'deploy/pause-web', ...n]);
      return all(succeeds(p, /^deployment\.apps\/pause-web paused$/m), fails(again, /^error: deployments\.apps "pause-web" is already paused$/m), succeeds(r, /^deployment\.apps\/pause-web resumed$/m));
    },
  },
  simple('rollout status of a statefulset', ['rollout', 'status', 'sts/postgres', '-n', 'shop', '--timeout=60s'], /(partitioned roll out complete|rolling update complete|roll out complete)/),
  {
    area: 'kubectl',
    name: 'label, overwrite refusal and removal',
    run: async (h) => {
      await h.kubectl(['create', 'configmap', 'lab-cm', ...n]);
      const a = await h.kubectl(['label', 'cm/lab-cm', 'tier=front', ...n]);
      const b = await h.kubectl(['label', 'cm/lab-cm', 'tier=back', ...n]);
      const c = await h.kubectl(['label', 'cm/lab-cm', 'tier=back', '--overwrite', ...n]);
      const d = await h.kubectl(['label', 'cm/lab-cm', 'tier-', ...n]);
      return all(succeeds(a, /^configmap\/lab-cm labeled$/m), fails(b, /^error: 'tier' already has a value \(front\), and --overwrite is false$/m), succeeds(c, /^configmap\/lab-cm labeled$/m), succeeds(d, /^configmap\/lab-cm unlabeled$/m));
    },
  },
  {
    area: 'kubectl',
    name: 'annotate',
    run: async (h) => {
      await h.kubectl(['create', 'configmap', 'ann-cm', ...n]);
      return all(succeeds(await h.kubectl(['annotate', 'cm/ann-cm', 'owner=team-a', ...n]), /^configmap\/ann-cm annotated$/m), succeeds(await h.kubectl(['get', 'cm', 'ann-cm', ...n, '-o', 'jsonpath={.metadata.annotations.owner}']), /^team-a$/));
    },
  },
  {
    area: 'kubectl',
    name: 'patch merge, json and strategic; no-op patch',
    run: async (h) => {
      await h.kubectl(['apply', '-f', '-'], { input: deployment('pt-web') });
      const m = await h.kubectl(['patch', 'deploy/pt-web', '--type=merge', '-p', '{"metadata":{"annotations":{"team":"web"}}}', ...n]);
      const j = await h.kubectl(['patch', 'deploy/pt-web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]', ...n]);
      const s = await h.kubectl(['patch', 'deploy/pt-web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}', ...n]);
      const same = await h.kubectl(['patch', 'deploy/pt-web', '--type=merge', '-p', '{"spec":{"replicas":2}}', ...n]);
      const got = await jsonpath(h, ['deploy', 'pt-web'], '{.metadata.annotations.team} {.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}');
      return all(succeeds(m, /^deployment\.apps\/pt-web patched$/m), succeeds(j), succeeds(s), succeeds(same, /^deployment\.apps\/pt-web patched \(no change\)$/m), check(got === 'web 2 nginx:1.28 80', got, 'web 2 nginx:1.28 80'));
    },
  },
  {
    area: 'kubectl',
    name: 'patch with an invalid json patch path',
    run: async (h) => fails(await h.kubectl(['patch', 'deploy/web', '--type=json', '-p', '[{"op":"replace","path":"/spec/nope/x","value":1}]', ...n]), /doc is missing path: "\/spec\/nope\/x"|missing path/),
  },
  {
    area: 'kubectl',
    name: 'delete pod waits until it is gone',
    run: async (h) => {
      await h.kubectl(['run', 'del-pod', '--image=nginx:1.27', ...n]);
      const d = await h.kubectl(['delete', 'pod', 'del-pod', ...n, '--wait=true', '--timeout=90s'], { timeoutMs: 100_000 });
      return all(succeeds(d, /^pod "del-pod" deleted$/m), fails(await h.kubectl(['get', 'pod', 'del-pod', ...n]), /NotFound/));
    },
  },
  {
    area: 'kubectl',
    name: 'delete deployment cascades to ReplicaSets and pods',
    run: async (h) => {
      if (!(await rolledOut(h, 'casc-web'))) return check(false, 'rollout failed', 'casc-web rolled out');
      const d = await h.kubectl(['delete', 'deploy', 'casc-web', ...n]);
      const gone = await eventually(async () => (await h.kubectl(['get', 'rs,pods', ...n, '-l', 'app=casc-web', '-o', 'name'])).stdout.trim() === '', 60_000);
      return all(succeeds(d, /^deployment\.apps "casc-web" deleted$/m), check(gone, 'ReplicaSets or pods left', 'no ReplicaSet or pod left'));
    },
  },
  {
    area: 'kubectl',
    name: 'delete --cascade=orphan keeps the ReplicaSet',
    run: async (h) => {
      if (!(await rolledOut(h, 'orph-web'))) return check(false, 'rollout failed', 'orph-web rolled out');
      const d = await h.kubectl(['delete', 'deploy', 'orph-web', '--cascade=orphan', ...n]);
      const orphaned = await eventually(async () => (await jsonpath(h, ['rs', '-l', 'app=orph-web'], '{.items[0].metadata.ownerReferences}')) === '', 30_000);
      return all(succeeds(d, /^deployment\.apps "orph-web" deleted$/m), check(orphaned, 'ReplicaSet still owned or gone', 'the ReplicaSet stays with no owner'));
    },
  },
  {
    area: 'kubectl',
    name: 'delete namespace goes through Terminating',
    run: async (h) => {
      await h.kubectl(['create', 'namespace', 'fidelity-gone']);
      await h.kubectl(['create', 'configmap', 'x', '-n', 'fidelity-gone']);
      const d = await h.kubectl(['delete', 'namespace', 'fidelity-gone', '--wait=false']);
      const phase = (await h.kubectl(['get', 'ns', 'fidelity-gone', '-o', 'jsonpath={.status.phase}'])).stdout;
      const gone = await eventually(async () => (await h.kubectl(['get', 'ns', 'fidelity-gone'])).code !== 0, 60_000);
      return all(succeeds(d, /^namespace "fidelity-gone" deleted$/m), check(phase === 'Terminating' || phase === '', phase, 'Terminating (or already gone)'), check(gone, 'namespace still there', 'namespace gone'));
    },
  },
  {
    area: 'kubectl',
    name: 'delete of a missing object; --ignore-not-found',
    run: async (h) => all(fails(await h.kubectl(['delete', 'pod', 'nope', ...n]), /^Error from server \(NotFound\): pods "nope" not found$/m, 1), check((await h.kubectl(['delete', 'pod', 'nope', '--ignore-not-found', ...n])).code === 0, 'non-zero', 'exit 0')),
  },
  {
    area: 'kubectl',
    name: 'set env and set resources',
    run: async (h) => {
      await h.kubectl(['apply', '-f', '-'], { input: deployment('env-web') });
      const e = await h.kubectl(['set', 'env', 'deploy/env-web', 'MODE=fast', ...n]);
      const r = await h.kubectl(['set', 'resources', 'deploy/env-web', '--limits=cpu=200m,memory=256Mi', ...n]);
      const got = await jsonpath(h, ['deploy', 'env-web'], '{.spec.template.spec.containers[0].env[0].value} {.spec.template.spec.containers[0].resources.limits.memory}');
      return all(succeeds(e, /^deployment\.apps\/env-web env updated$/m), succeeds(r, /^deployment\.apps\/env-web resource requirements updated$/m), check(got === 'fast 256Mi', got, 'fast 256Mi'));
    },
  },
  {
    area: 'kubectl',
    name: 'edit with KUBE_EDITOR',
    run: async (h) => {
      await h.kubectl(['create', 'configmap', 'edit-cm', '--from-literal=color=blue', ...n]);
      const r = await h.kubectl(['edit', 'cm/edit-cm', ...n], { env: { KUBE_EDITOR: 'sed -i s/blue/green/' } });
      return all(succeeds(r, /^configmap\/edit-cm edited$/m), succeeds(await h.kubectl(['get', 'cm', 'edit-cm', ...n, '-o', 'jsonpath={.data.color}']), /^green$/));
    },
  },
  {
    area: 'kubectl',
    name: 'scale --current-replicas that does not match',
    run: async (h) => fails(await h.kubectl(['scale', 'deploy/web', '--current-replicas=5', '--replicas=3', ...n]), /^error: Expected replicas to be 5, was 2$/m, 1),
  },
  {
    area: 'kubectl',
    name: 'create with an invalid name',
    run: async (h) => fails(await h.kubectl(['create', 'deployment', 'Bad_Name', '--image=nginx', ...n]), /Deployment\.apps "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.', and must start and end with an alphanumeric character/, 1),
  },
  {
    area: 'kubectl',
    name: 'run --rm -i --restart=Never prints and cleans up',
    run: async (h) => {
      const r = await h.kubectl(['run', 'once', '--rm', '-i', '--restart=Never', '--image=busybox:1.36', ...n, '--', 'sh', '-c', 'echo from the pod'], { timeoutMs: 120_000 });
      const gone = await eventually(async () => (await h.kubectl(['get', 'pod', 'once', ...n])).code !== 0, 60_000);
      return all(succeeds(r, /^from the pod$/m, /^pod "once" deleted/m), check(gone, 'pod once still there', 'pod deleted'));
    },
  },
  simple('wait --for=condition=Available', ['wait', '--for=condition=Available', 'deploy/web', ...n, '--timeout=60s'], /^deployment\.apps\/web condition met$/m),
  simple('wait --for=jsonpath', ['wait', '--for=jsonpath={.status.phase}=Running', 'pod/shell', ...n, '--timeout=60s'], /^pod\/shell condition met$/m),
  {
    area: 'kubectl',
    name: 'wait --for=delete',
    run: async (h) => {
      await h.kubectl(['create', 'configmap', 'wd-cm', ...n]);
      const w = h.kubectl(['wait', '--for=delete', 'cm/wd-cm', ...n, '--timeout=60s']);
      await h.kubectl(['delete', 'cm', 'wd-cm', ...n, '--wait=false']);
      return succeeds(await w, /^configmap\/wd-cm condition met$/m);
    },
  },
  {
    area: 'kubectl',
    name: 'wait times out with the condition unmet',
    run: async (h) => fails(await h.kubectl(['wait', '--for=condition=Ready', 'pod/crashy', ...n, '--timeout=2s']), /^error: timed out waiting for the condition on pods\/crashy$/m, 1),
  },
];
