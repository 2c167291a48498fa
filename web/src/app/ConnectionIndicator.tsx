/** The live socket's state in the header: Live, Connecting… or Reconnecting with the reason. */
import { useConnectionState } from '../api/live.ts';
import { useT } from '../i18n/I18nProvider.tsx';

export function ConnectionIndicator() {
  const t = useT();
  const conn = useConnectionState();
  const label = conn.phase === 'open' ? t('conn.open') : conn.phase === 'connecting' ? t('conn.connecting') : t('conn.reconnecting');
  const detail = conn.phase === 'reconnecting' && conn.reason ? t('conn.reconnectingWhy', { reason: conn.reason }) : label;
  return (
    <div className={`conn conn--${conn.phase}`} role="status" data-testid="connection" data-phase={conn.phase} title={detail}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{label}</span>
    </div>
  );
}
