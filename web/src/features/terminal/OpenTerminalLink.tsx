/** A small ">_" link that opens a terminal in a pod; cheap to import (no xterm) so lists can use it. */
import { Link } from 'react-router';
import { useT } from '../../i18n/I18nProvider.tsx';
import { terminalPath } from './terminalLink.ts';

export function OpenTerminalLink({ context, namespace, pod }: { context: string; namespace: string; pod: string }) {
  const t = useT();
  const label = t('terminal.openInTerminal', { name: pod });
  return (
    <Link className="mono" to={terminalPath(context, { namespace, pod })} aria-label={label} title={label} onClick={(e) => e.stopPropagation()}>
      &gt;_
    </Link>
  );
}
