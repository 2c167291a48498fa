/**
 * What a process inside a container sees: its environment (image defaults + the pod
 * spec's env/envFrom, resolved from ConfigMaps, Secrets and the downward API) and its
 * filesystem (os-release, hostname, hosts, mounted volumes, the service account token).
 */
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import type { ImageDef } from './images.ts';
import { Vfs, type DirNode } from './shell/vfs.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- pod spec fields are read from wire JSON (KubeObject.spec is `any`) */
export type ContainerSpec = Record<string, any>;

function configMap(store: Store, ns: string, name: string): Record<string, string> | undefined {
  return store.get('configmaps', ns, name)?.data as Record<string, string> | undefined;
}

function secret(store: Store, ns: string, name: string): Record<string, string> | undefined {
  const data = store.get('secrets', ns, name)?.data as Record<string, string> | undefined;
  if (!data) return undefined;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

function fieldRef(pod: KubeObject, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      return m ? (pod.metadata[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '') : '';
    }
  }
}

/** The environment a container starts with. */
export function containerEnv(pod: KubeObject, c: ContainerSpec, image: ImageDef, store: Store): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {
    ...image.env,
    HOSTNAME: pod.metadata.name ?? '',
    HOME: '/root',
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  };
  for (const from of (c.envFrom ?? []) as any[]) {
    const data = from.configMapRef ? configMap(store, ns, from.configMapRef.name) : from.secretRef ? secret(store, ns, from.secretRef.name) : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env[(from.prefix ?? '') + k] = v;
  }
  for (const e of (c.env ?? []) as any[]) {
    if (e.value !== undefined) {
      env[e.name] = String(e.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
      continue;
    }
    const vf = e.valueFrom ?? {};
    let v: string | undefined;
    if (vf.configMapKeyRef) v = configMap(store, ns, vf.configMapKeyRef.name)?.[vf.configMapKeyRef.key];
    else if (vf.secretKeyRef) v = secret(store, ns, vf.secretKeyRef.name)?.[vf.secretKeyRef.key];
    else if (vf.fieldRef) v = fieldRef(pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef) v = String(c.resources?.limits?.[vf.resourceFieldRef.resource.replace(/^limits\./, '')] ?? '0');
    env[e.name] = v ?? '';
  }
  return env;
}

/** Build the container's filesystem. `shared` holds the pod's emptyDir volumes, shared between its containers. */
export function containerVfs(pod: KubeObject, c: ContainerSpec, image: ImageDef, store: Store, shared: Map<string, DirNode>): Vfs {
  const vfs = new Vfs();
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  for (const d of ['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/etc', '/root', '/tmp', '/var/log', '/var/run', '/proc/1', '/dev', '/home', '/srv', '/opt', '/mnt']) {
    vfs.mkdir(d, { parents: true });
  }
  if (image.osRelease) vfs.writeFile('/etc/os-release', image.osRelease);
  vfs.writeFile('/etc/hostname', `${name}\n`);
  vfs.writeFile('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${pod.status?.podIP ?? '10.244.0.2'}\t${name}\n`);
  vfs.writeFile('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  vfs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  vfs.writeFile('/proc/1/cmdline', image.cmdline.join('\0') + '\0');
  vfs.writeFile('/proc/version', 'Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075) #45-Ubuntu SMP PREEMPT_DYNAMIC\n');
  if (image.repository.endsWith('nginx') || image.repository.endsWith('frontend')) {
    vfs.writeFile('/etc/nginx/nginx.conf', 'user  nginx;\nworker_processes  auto;\nevents {\n    worker_connections  1024;\n}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n', { parents: true });
    vfs.writeFile('/usr/share/nginx/html/index.html', '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n', { parents: true });
  }
  if (image.env.PGDATA) vfs.writeFile(`${image.env.PGDATA}/PG_VERSION`, `${image.env.PG_MAJOR ?? '16'}\n`, { parents: true });

  const volumes = new Map<string, any>(((pod.spec?.volumes ?? []) as any[]).map((v) => [v.name, v]));
  const automount = pod.spec?.automountServiceAccountToken !== false;
  if (automount) {
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    vfs.mkdir(dir, { parents: true });
    vfs.writeFile(`${dir}/namespace`, ns, { readOnly: true });
    vfs.writeFile(`${dir}/token`, fakeToken(pod), { readOnly: true });
    vfs.writeFile(`${dir}/ca.crt`, '-----BEGIN CERTIFICATE-----\nMIIBdemoclusterCA\n-----END CERTIFICATE-----\n', { readOnly: true });
  }
  for (const m of (c.volumeMounts ?? []) as any[]) {
    const v = volumes.get(m.name);
    if (!v || typeof m.mountPath !== 'string') continue;
    mountVolume(vfs, m, v, store, ns, shared);
  }
  return vfs;
}

function mountVolume(vfs: Vfs, mount: any, volume: any, store: Store, ns: string, shared: Map<string, DirNode>): void {
  const path: string = mount.mountPath;
  const readOnly = mount.readOnly === true;
  const files = (data: Record<string, string> | undefined, items: any[] | undefined): Record<string, string> => {
    if (!data) return {};
    if (!items) return data;
    return Object.fromEntries(items.filter((i) => data[i.key] !== undefined).map((i) => [i.path, data[i.key]]));
  };
  let content: Record<string, string> | undefined;
  if (volume.configMap) content = files(configMap(store, ns, volume.configMap.name), volume.configMap.items);
  else if (volume.secret) content = files(secret(store, ns, volume.secret.secretName), volume.secret.items);
  if (content) {
    if (mount.subPath) {
      if (content[mount.subPath] !== undefined) vfs.writeFile(path, content[mount.subPath], { parents: true, readOnly: true });
      return;
    }
    vfs.mkdir(path, { parents: true });
    for (const [k, v] of Object.entries(content)) vfs.writeFile(`${path}/${k}`, v, { parents: true, readOnly: true, force: true });
    const node = vfs.lookup(path);
    if (node) node.readOnly = true;
    return;
  }
  if (volume.emptyDir || volume.persistentVolumeClaim || volume.hostPath) {
    let dir = shared.get(volume.name);
    if (!dir) {
      dir = { kind: 'dir', children: new Map(), mode: 'drwxrwxrwx', mtime: new Date() };
      if (volume.persistentVolumeClaim) {
        dir.children.set('lost+found', { kind: 'dir', children: new Map(), mode: 'drwx------', mtime: new Date() });
        dir.children.set('.volume', { kind: 'file', data: Buffer.from(`persistentVolumeClaim: ${volume.persistentVolumeClaim.claimName}\n`), mode: '-rw-r--r--', mtime: new Date() });
      }
      shared.set(volume.name, dir);
    }
    vfs.attach(path, readOnly ? { ...dir, readOnly: true } : dir);
    return;
  }
  vfs.mkdir(path, { parents: true });
}

function fakeToken(pod: KubeObject): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ alg: 'RS256', kid: 'demo-cluster' });
  const payload = b64({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` });
  return `${header}.${payload}.ZGVtby1zaWduYXR1cmUtbm90LXZhbGlk`;
}
