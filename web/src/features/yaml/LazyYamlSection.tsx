/** The YAML section of a detail page: a disclosure button; the editor and the YAML parser load on first open. */
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { YamlTarget } from './objectPath.ts';

const YamlSection = lazy(() => import('./YamlSection.tsx').then((m) => ({ default: m.YamlSection })));

export function LazyYamlSection({ target, liveVersion }: { target: YamlTarget; liveVersion?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="yaml-title" data-testid="yaml-section">
      <h2 id="yaml-title" className="panel__title">
        <button type="button" className="button" aria-expanded={open} data-testid="yaml-toggle" onClick={() => setOpen(!open)}>
          {open ? t('yaml.hide') : t('yaml.show')}
        </button>
      </h2>
      {open && (
        <Suspense fallback={<p className="muted">{t('yaml.loading')}</p>}>
          <YamlSection target={target} liveVersion={liveVersion} />
        </Suspense>
      )}
    </section>
  );
}
