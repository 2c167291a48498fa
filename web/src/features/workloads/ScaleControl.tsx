/** Scale a Deployment or StatefulSet, with the live ready count beside the input. */
import { useState } from 'react';
import { largeScaleUp } from '../../components/statusSentence.ts';
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
  // spec.replicas is an int32: the API server refuses more, so the form does too.
  const valid = shown.trim() !== '' && Number.isInteger(wanted) && wanted >= 0 && wanted <= 2147483647;
  const large = action.error && largeScaleUp(action.error);
  const submit = async (allowLargeScale = false) => {
    const ok = await action.run(() => workloadApi.scale(target, wanted, basedOn.seen, allowLargeScale), t('actions.scaled', { name: target.name, replicas: wanted }));
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
      {large && large.to === wanted && (
        <button type="button" className="button button--danger" disabled={action.busy} onClick={() => void submit(true)} data-testid="scale-confirm-large">
          {t('actions.scaleLargeConfirm', { replicas: wanted })}
        </button>
      )}
    </form>
  );
}
