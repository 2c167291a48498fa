import { ApiError } from '../../kube/status.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop } from './controlLoop.ts';

const NAME = 'kube-root-ca.crt';
/** The demo cluster's stand-in CA bundle: pods mount it through the kube-api-access volume. */
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBdemoClusterRootCAnotForTLSverificationOnlyForShape\n-----END CERTIFICATE-----\n';

/** root-ca-cert-publisher: a `kube-root-ca.crt` ConfigMap in every active namespace. */
class RootCaPublisher extends ControlLoop {
  readonly name = 'root-ca-cert-publisher';

  protected watch(): void {
    this.on('namespaces', (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata.name!);
    });
    this.on('configmaps', (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === NAME) this.queue.add(e.object.metadata.namespace!);
    });
    this.queueAll('namespaces');
  }

  protected sync(namespace: string): void {
    const { store } = this.ctx;
    const ns = store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || store.get('configmaps', namespace, NAME)) return;
    try {
      createAdmitted(this.ctx, 'configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: NAME,
          namespace,
          annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
        },
        data: { 'ca.crt': CA_PEM },
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }
}

export function rootCaPublisher(): Controller {
  return new RootCaPublisher();
}
