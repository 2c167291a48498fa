/** "Set image" for one container: the new image starts a rollout (recorded with a change-cause). */
import { useState } from 'react';
import type { ContainerView } from '../../../../server/views/workloads/containerView.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from './ActionError.tsx';
import { useAction } from './useAction.ts';
import { useBasedOn } from './useBasedOn.ts';
import { workloadApi, type SeenObject, type WorkloadRef } from './workloadApi.ts';

interface Props {
  target: WorkloadRef;
  container: ContainerView;
  /** The object the page shows: the new image is based on it. */
  seen: SeenObject;
  denied?: string;
  onDone(): void;
}

export function SetImageForm({ target, container, seen, denied, onDone }: Props) {
  const t = useT();
  const [image, setImage] = useState<string>();
  const basedOn = useBasedOn(seen);
  const action = useAction(onDone);
  const shown = image ?? container.image;
  const submit = async () => {
    const ok = await action.run(() => workloadApi.setImage(target, container.name, shown.trim(), basedOn.seen), t('actions.imageSet', { container: container.name, image: shown.trim() }));
    if (ok) {
      basedOn.release();
      setImage(undefined);
    }
  };
  return (
    <form
      className="action-form"
      data-testid={`set-image-${container.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field field--grow">
        <span className="field__label">{t('actions.imageOf', { container: container.name })}</span>
        <input
          className="input mono"
          value={shown}
          spellCheck={false}
          data-testid="image-input"
          onChange={(e) => {
            basedOn.touch();
            setImage(e.target.value);
          }}
        />
      </label>
      <button type="submit" className="button" disabled={action.busy || !!denied || !shown.trim() || shown.trim() === container.image} title={denied} data-testid="image-submit">
        {t('actions.setImage')}
      </button>
      <ActionError error={action.error} context={target.context} rebase={{ basedOn, action }} />
    </form>
  );
}
