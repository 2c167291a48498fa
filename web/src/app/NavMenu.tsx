/** The side navigation: groups with at least one view, links keeping the namespace selection. */
import { NavLink, useLocation } from 'react-router';
import { useT } from '../i18n/I18nProvider.tsx';
import { visibleGroups } from './navigation.ts';
import { carriedSearch, viewPath } from './selection.ts';

export function NavMenu({ context }: { context: string }) {
  const t = useT();
  const location = useLocation();
  const search = carriedSearch(new URLSearchParams(location.search));
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {visibleGroups().map((group) => (
        <section key={group.id} className="nav__group" aria-labelledby={`nav-${group.id}`}>
          <h2 className="nav__heading" id={`nav-${group.id}`}>
            {t(group.label)}
          </h2>
          <ul>
            {group.items.map((item) => (
              <li key={item.view}>
                <NavLink className="nav__link" to={viewPath(context, item.view) + search}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
