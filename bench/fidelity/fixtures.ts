/**
 * What the fidelity cases read, applied once before them in namespace `fidelity`: a busybox
 * pod looping `while true` (logs, exec, cp), a two-container pod (-c), a pod whose container
 * fails and restarts (--previous), nginx behind a Service, and the CronTab CRD of the
 * Kubernetes documentation ("Extend the Kubernetes API with CustomResourceDefinitions").
 */
export const FIXTURES = `apiVersion: v1
kind: Namespace
metadata: {name: fidelity}
---
apiVersion: v1
kind: Pod
metadata: {name: shell, namespace: fidelity, labels: {app: shell}}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done']
---
apiVersion: v1
kind: Pod
metadata: {name: duo, namespace: fidelity, labels: {app: duo}}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80}]
  - name: sidecar
    image: busybox:1.36
    command: [sh, -c, 'echo "sidecar up"; while true; do sleep 3600; done']
---
apiVersion: v1
kind: Pod
metadata: {name: crashy, namespace: fidelity, labels: {app: crashy}}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'echo "starting, then failing"; exit 1']
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: fidelity, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: fidelity}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, protocol: TCP}]
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec: {type: string}
              image: {type: string}
              replicas: {type: integer}
    additionalPrinterColumns:
    - {name: Spec, type: string, description: The cron spec defining the interval a CronJob is run, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, description: The number of jobs launched by the CronJob, jsonPath: .spec.replicas}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
`;
