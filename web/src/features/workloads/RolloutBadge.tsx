/** A rollout state with its reason (`failed · ImagePullBackOff`), the full message on hover. */
import type { RolloutState } from '../../../../server/views/workloads/rolloutStatus.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { rolloutTone } from './rolloutTone.ts';

export function RolloutBadge({ rollout }: { rollout: { state: RolloutState; reason: string; message: string } }) {
  const t = useT();
  const showReason = rollout.reason && rollout.reason !== 'Complete' && rollout.reason !== 'Paused';
  return (
    <span className={`tone tone--${rolloutTone(rollout.state)} cell-ellipsis`} title={rollout.message} data-state={rollout.state}>
      {t(`rollout.${rollout.state}`)}
      {showReason && <span className="muted"> · {rollout.reason}</span>}
    </span>
  );
}

export function Images({ images }: { images: readonly string[] }) {
  return (
    <span className="mono cell-ellipsis" title={images.join('\n')}>
      {images.join(', ')}
    </span>
  );
}
