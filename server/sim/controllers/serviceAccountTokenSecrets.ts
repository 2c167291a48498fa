import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { serviceAccountTokensOf } from '../api/tokens.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';

const TYPE = 'kubernetes.io/service-account-token';
const NAME_ANNOTATION = 'kubernetes.io/service-account.name';
const UID_ANNOTATION = 'kubernetes.io/service-account.uid';

const isTokenSecret = (o: Readonly<KubeObject>) => o.type === TYPE;

/**
 * The legacy tokens controller: a `kubernetes.io/service-account-token` Secret naming a service
 * account gets a signed token, the cluster CA and the namespace; one whose account is gone is deleted.
 */
class ServiceAccountTokenSecrets extends ControlLoop {
  readonly name = 'serviceaccount-token';

  protected watch(): void {
    this.on('secrets', (e) => {
      if (e.type !== 'DELETED' && isTokenSecret(e.object)) this.queue.add(keyOf(e.object));
    });
    this.on('serviceaccounts', (e) => {
      if (e.type !== 'DELETED') return;
      for (const s of this.ctx.store.listRefs('secrets', e.object.metadata.namespace)) {
        if (isTokenSecret(s) && s.metadata.annotations?.[NAME_ANNOTATION] === e.object.metadata.name) this.queue.add(keyOf(s));
      }
    });
    for (const s of this.ctx.store.listRefs('secrets')) if (isTokenSecret(s)) this.queue.add(keyOf(s));
  }

  protected sync(key: string): void {
    const { store } = this.ctx;
    const { namespace, name } = splitKey(key);
    const secret = store.getRef('secrets', namespace, name);
    if (!secret || !isTokenSecret(secret) || secret.metadata.deletionTimestamp) return;
    const saName = secret.metadata.annotations?.[NAME_ANNOTATION];
    if (!saName) return;
    const sa = store.getRef('serviceaccounts', namespace, saName);
    const uid = secret.metadata.annotations?.[UID_ANNOTATION];
    if (!sa || (uid && uid !== sa.metadata.uid)) {
      store.delete('secrets', namespace, name);
      return;
    }
    const data = (secret.data ?? {}) as Record<string, string>;
    if (data.token && uid) return;
    const token = data.token ? Buffer.from(data.token, 'base64').toString('utf8') : serviceAccountTokensOf(store).legacyToken(sa, name);
    const ca = (store.getRef('configmaps', namespace, 'kube-root-ca.crt')?.data as Record<string, string> | undefined)?.['ca.crt'];
    store.mutate('secrets', namespace, name, (s) => {
      s.metadata.annotations = { ...s.metadata.annotations, [UID_ANNOTATION]: sa.metadata.uid! };
      const b64 = (v: string) => Buffer.from(v).toString('base64');
      s.data = { ...(s.data as Record<string, string> | undefined), token: b64(token), namespace: b64(namespace!), ...(ca ? { 'ca.crt': b64(ca) } : {}) };
    });
  }
}

export function serviceAccountTokenSecrets(): Controller {
  return new ServiceAccountTokenSecrets();
}
