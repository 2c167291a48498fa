import { ApiError } from '../../kube/status.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop } from './controlLoop.ts';

/** Keeps a `default` ServiceAccount in every active namespace, recreating it when deleted. */
class ServiceAccountController extends ControlLoop {
  readonly name = 'serviceaccount';

  protected watch(): void {
    this.on('namespaces', (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata.name!);
    });
    this.on('serviceaccounts', (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === 'default') this.queue.add(e.object.metadata.namespace!);
    });
    this.queueAll('namespaces');
  }

  protected sync(namespace: string): void {
    const { store } = this.ctx;
    const ns = store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (store.get('serviceaccounts', namespace, 'default')) return;
    try {
      createAdmitted(this.ctx, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    } catch (err) {
      // Created meanwhile, or the namespace began terminating: nothing to do.
      if (!(err instanceof ApiError)) throw err;
    }
  }
}

export function serviceAccountController(): Controller {
  return new ServiceAccountController();
}
