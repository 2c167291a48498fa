import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl, runKubectl } from '../../../testing/kubectl.ts';
import { debianKubectl } from '../../../testing/oldKubectl.ts';
import { runPython } from '../../../testing/python.ts';

const demo = demoClusterForKubectl({ seed: false, controllers: false });

test('kubectl explain goes all the way down a pod: a probe port is an IntOrString with its description', async () => {
  const out = await demo.ok(['explain', 'pod.spec.containers.livenessProbe.httpGet.port']);
  assert.match(out, /KIND:\s+Pod\nVERSION:\s+v1\n\nFIELD: port <IntOrString>/);
  assert.match(out, /Name or number of the port to access on the container\. Number must be in the\s+range 1 to 65535\. Name must be an IANA_SVC_NAME\./);
});

test('kubectl explain lists the enum values a 1.32 server publishes', async () => {
  const out = await demo.ok(['explain', 'pod.spec.restartPolicy']);
  assert.match(out, /FIELD: restartPolicy <string>\nENUM:\n\s+Always\n\s+Never\n\s+OnFailure\n/);
  assert.match(out, /Possible enum values:/);
});

test('kubectl explain of nested fields of cronjobs, services, ingresses, hpa v2 and pvcs names their real types', async () => {
  assert.match(await demo.ok(['explain', 'cronjob.spec.jobTemplate.spec.template.spec.containers.resources.limits']), /GROUP:\s+batch\nKIND:\s+CronJob\nVERSION:\s+v1\n\nFIELD: limits <map\[string\]Quantity>/);
  assert.match(await demo.ok(['explain', 'svc.spec.ports']), /FIELD: ports <\[\]ServicePort>[\s\S]*targetPort\t<IntOrString>/);
  assert.match(await demo.ok(['explain', 'ingress.spec.rules.http.paths.backend.service.port.number']), /KIND:\s+Ingress[\s\S]*FIELD: number <integer>/);
  assert.match(await demo.ok(['explain', 'hpa.spec.metrics.resource.target.averageUtilization']), /VERSION:\s+v2\n\nFIELD: averageUtilization <integer>/);
  assert.match(await demo.ok(['explain', 'pvc.spec.accessModes']), /FIELD: accessModes <\[\]string>/);
  assert.match(await demo.ok(['explain', 'podmetrics.containers.usage']), /GROUP:\s+metrics\.k8s\.io\nKIND:\s+PodMetrics\nVERSION:\s+v1beta1\n\nFIELD: usage <map\[string\]Quantity>/);
});

test('kubectl explain --api-version=autoscaling/v1 reads the v1 HorizontalPodAutoscaler', async () => {
  const out = await demo.ok(['explain', 'hpa.spec', '--api-version=autoscaling/v1']);
  assert.match(out, /VERSION:\s+v1\n/);
  assert.match(out, /targetCPUUtilizationPercentage\t<integer>/);
  assert.match(out, /maxReplicas\t<integer> -required-/);
  const refused = await demo.kubectl(['explain', 'hpa.spec.targetCPUUtilizationPercentage', '--api-version=autoscaling/v2']);
  assert.notEqual(refused.code, 0, 'autoscaling/v2 has no targetCPUUtilizationPercentage');
});

test('kubectl explain deployment --recursive prints the whole tree', async () => {
  const out = await demo.ok(['explain', 'deployment', '--recursive']);
  assert.match(out, /\n {4}strategy\t<DeploymentStrategy>\n {6}rollingUpdate\t<RollingUpdateDeployment>\n {8}maxSurge\t<IntOrString>\n/);
  assert.match(out, /\n {10}livenessProbe\t<Probe>\n/);
  assert.ok(out.split('\n').length > 1000, 'every nested field is listed');
});

test('the Python client reads /openapi/v3, a group-version document and /openapi/v2', async () => {
  await demo.ready();
  const out = await runPython(demo.kubeconfig, [
    'api = kubernetes.client.ApiClient()',
    "get = lambda path: json.loads(api.call_api(path, 'GET', auth_settings=['BearerToken'], _preload_content=False)[0].data)",
    "index = get('/openapi/v3')",
    "apps = get(index['paths']['apis/apps/v1']['serverRelativeURL'])",
    "port = apps['components']['schemas']['io.k8s.api.core.v1.ContainerPort']",
    "v2 = get('/openapi/v2')",
    "print(json.dumps({'ports': apps['components']['schemas']['io.k8s.api.core.v1.Container']['properties']['ports']['x-kubernetes-list-map-keys'], 'protocolDefault': port['properties']['protocol']['default'], 'swagger': v2['swagger'], 'gvk': v2['definitions']['io.k8s.api.batch.v1.CronJob']['x-kubernetes-group-version-kind']}))",
  ]);
  assert.deepEqual(JSON.parse(out), { ports: ['containerPort', 'protocol'], protocolDefault: 'TCP', swagger: '2.0', gvk: [{ group: 'batch', kind: 'CronJob', version: 'v1' }] });
});

test('kubectl explain --output=plaintext-openapiv2 reads /openapi/v2 in protobuf', async () => {
  const out = await demo.ok(['explain', 'deployment.spec.strategy', '--output=plaintext-openapiv2']);
  assert.match(out, /KIND:\s+Deployment\nVERSION:\s+apps\/v1\n\nRESOURCE: strategy <Object>/);
  assert.match(out, /rollingUpdate\t<Object>\n\s+Rolling update config params\. Present only if DeploymentStrategyType =/);
  assert.match(out, /- `"Recreate"` Kill all existing pods before creating new ones\./);
});

test('kubectl creates a TokenReview with default flags: client-side validation reads /openapi/v2 as against a real server', async () => {
  const out = await demo.ok(['create', '-o', 'jsonpath={.kind}', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'nonsense' } }));
  assert.equal(out, 'TokenReview');
});

test('kubectl 1.20 validates against the real schemas: an unknown container field is named, a good manifest applies', async () => {
  const bin = await debianKubectl();
  await demo.ok(['create', 'namespace', 'old-kubectl']);
  const deployment = (name: string, container: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: old-kubectl}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [${container}]}\n`;
  const bad = await runKubectl(['apply', '-f', '-'], { kubeconfig: demo.kubeconfig, bin, input: deployment('old-bad', '{name: c, image: nginx, bogusField: 1}') });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /ValidationError\(Deployment\.spec\.template\.spec\.containers\[0\]\): unknown field "bogusField" in io\.k8s\.api\.core\.v1\.Container/);
  const good = await runKubectl(['apply', '-f', '-'], { kubeconfig: demo.kubeconfig, bin, input: deployment('old-good', '{name: c, image: nginx}') });
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /deployment\.apps\/old-good created/);
});
