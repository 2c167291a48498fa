/** The pod table's last column: a link that opens a terminal in that pod (its default container). */
import type { Column } from '../../components/DataTable.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { OpenTerminalLink } from './OpenTerminalLink.tsx';

export function terminalColumn<R extends { namespace: string; name: string; phase: string }>(context: string, t: Translate): Column<R> {
  return {
    id: 'terminal',
    header: t('nav.terminal'),
    width: '4.5rem',
    cell: (r) => (r.phase === 'Running' ? <OpenTerminalLink context={context} namespace={r.namespace} pod={r.name} /> : null),
  };
}
