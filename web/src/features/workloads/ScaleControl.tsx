/** Scale a Deployment or StatefulSet, with the live ready count beside the input. */
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from './ActionError.tsx';
import { useAction } from './useAction.ts';
import { useBasedOn } from './useBasedOn.ts';
import { workloadApi, type SeenObject, type WorkloadRef } from './workloadApi.ts';

interface Props {
  target: WorkloadRef;
  replicas: number;
  ready: number;
  /** The object the page shows: the scale is based on it. */
  seen: SeenObject;
  denied?: string;
  onDone(): void;
}

export function ScaleControl({ target, replicas, ready, seen, denied, onDone }: Props) {
  const t = useT();
  const [value, setValue] = useState<string>();
  const basedOn = useBasedOn(seen);
  const action = useAction(onDone);
  const shown = value ?? String(replicas);
  const wanted = Number(shown);
  const valid = shown.trim() !== '' && Number.isInteger(wanted) && wanted >= 0;
  const submit = async () => {
    const ok = await action.run(() => workloadApi.scale(target, wanted, basedOn.seen), t('actions.scaled', { name: target.name, replicas: wanted }));
    if (ok) {
      basedOn.release();
      setValue(undefined);
    }
  };
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span className="field__label">{t('actions.replicas')}</span>
        <input
          type="number"
          min={0}
          className="input input--narrow"
          value={shown}
          data-testid="scale-input"
          onChange={(e) => {
            basedOn.touch();
            setValue(e.target.value);
          }}
        />
      </label>
      <button type="submit" className="button" disabled={!valid || action.busy || !!denied || (value === undefined && wanted === replicas)} title={denied} data-testid="scale-submit">
        {t('actions.scale')}
      </button>
      <span className="action-form__live" data-testid="scale-ready">
        {t('actions.readyNow', { ready, replicas })}
      </span>
      <ActionError error={action.error} context={target.context} rebase={{ basedOn, action }} />
    </form>
  );
}
