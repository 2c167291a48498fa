/** The sentence under a terminal once its session is over, and whether Reconnect is offered. */
import type { Translate } from '../../i18n/translate.ts';
import type { SessionEnd } from './sessionEnd.ts';

export interface EndMessage {
  text: string;
  /** The app's tone classes (app.css `.tone--*`). */
  tone: 'ok' | 'progress' | 'bad';
  reconnect: boolean;
}

export function describeEnd(end: SessionEnd, t: Translate): EndMessage {
  switch (end.kind) {
    case 'exited':
      return { text: t('terminal.exited', { code: end.code }), tone: end.code === 0 ? 'ok' : 'progress', reconnect: true };
    case 'failed':
      return { text: t('terminal.failed', { message: end.message }), tone: 'bad', reconnect: true };
    case 'closed':
      return { text: t('terminal.closed'), tone: 'ok', reconnect: true };
    case 'dropped': {
      // A browser reports a refused handshake (403, 404, 502) only as 1006 before open.
      if (!end.opened) return { text: t('terminal.refused', { why: t('terminal.why.refused') }), tone: 'bad', reconnect: true };
      const why =
        end.code === 1006 ? t('terminal.why.1006') : end.code === 1001 ? t('terminal.why.1001') : t('terminal.why.code', { code: end.code, reason: end.reason }).trim();
      return { text: t('terminal.dropped', { why }), tone: 'bad', reconnect: true };
    }
  }
}
