/** Delete with a propagation choice and the name typed to confirm. */
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from './ActionError.tsx';
import { useAction } from './useAction.ts';
import { workloadApi, type Propagation, type SeenObject } from './workloadApi.ts';

interface Props {
  target: { context: string; kind: string; namespace: string; name: string };
  /** The object as the page shows it: the deletion needs the same uid and spec (generation). */
  seen: SeenObject;
  /** What the object owns, for the propagation explanations: a workload's ReplicaSets and pods (default), only pods, or any objects. */
  dependents?: 'replicaSetsAndPods' | 'pods' | 'objects';
  /** The delete itself, for kinds the actions API does not serve (the generic page deletes through the API with preconditions). */
  remove?: (policy: Propagation) => Promise<unknown>;
  onClose(): void;
  onDeleted(): void;
}

const POLICIES: readonly Propagation[] = ['Background', 'Foreground', 'Orphan'];

const POLICY_TEXT = { replicaSetsAndPods: 'delete.policy', pods: 'delete.podsPolicy', objects: 'delete.objectsPolicy' } as const;

export function DeleteDialog({ target, seen, dependents = 'replicaSetsAndPods', remove, onClose, onDeleted }: Props) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [policy, setPolicy] = useState<Propagation>('Background');
  const action = useAction(onDeleted);
  return (
    <section className="panel dialog" role="dialog" aria-labelledby="delete-title" data-testid="delete-dialog">
      <h2 id="delete-title" className="panel__title">
        {t('delete.title', { name: target.name })}
      </h2>
      <fieldset className="dialog__choices">
        <legend>{t('delete.propagation')}</legend>
        {POLICIES.map((p) => (
          <label key={p} className="dialog__choice">
            <input type="radio" name="propagation" value={p} checked={policy === p} onChange={() => setPolicy(p)} />
            <span>
              <strong>{p}</strong> — {t(`${POLICY_TEXT[dependents]}.${p}`)}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('delete.typeName', { name: target.name })}</span>
        <input className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" data-testid="delete-name" />
      </label>
      <ActionError error={action.error} context={target.context} />
      <div className="dialog__buttons">
        <button
          type="button"
          className="button button--danger"
          disabled={typed !== target.name || action.busy}
          onClick={() => void action.run(() => (remove ? remove(policy) : workloadApi.remove(target, typed, policy, seen)), t('delete.done', { name: target.name }))}
          data-testid="delete-confirm"
        >
          {t('delete.confirm')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </section>
  );
}
