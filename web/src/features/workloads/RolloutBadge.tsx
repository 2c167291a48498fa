/** A rollout state with its reason (`failed · ImagePullBackOff`), the explanation on hover. */
import type { RolloutStatus } from '../../../../server/views/workloads/rolloutStatus.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { phraseText } from '../../i18n/phrase.ts';
import { rolloutPhrase } from './rolloutPhrase.ts';
import { rolloutTone } from './rolloutTone.ts';

export function RolloutBadge({ rollout }: { rollout: Pick<RolloutStatus, 'state' | 'reason' | 'explanation'> }) {
  const t = useT();
  const showReason = rollout.reason && rollout.reason !== 'Complete' && rollout.reason !== 'Paused';
  return (
    <span className={`tone tone--${rolloutTone(rollout.state)} cell-ellipsis`} title={phraseText(rolloutPhrase(rollout.explanation), t)} data-state={rollout.state}>
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
