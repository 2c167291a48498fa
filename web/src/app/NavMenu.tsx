/** The side navigation: what the cluster serves and the user may list, links keeping the namespace selection. */
import { NavLink, useLocation } from 'react-router';
import { useDiscoveredResources } from '../api/discovery.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { navigation } from './navigation.ts';
import { carriedSearch, parseNamespaces, viewPath } from './selection.ts';

export function NavMenu({ context }: { context: string }) {
  const t = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const search = carriedSearch(params);
  // Permissions are reviewed in the first selected namespace (cluster-wide grants count in every one).
  const { resources } = useDiscoveredResources(context, parseNamespaces(params.get('ns'))[0]);
  return (
    <nav className="nav" aria-label={t('nav.label')} data-discovered={resources ? 'yes' : 'no'}>
      {navigation(resources).map((group) => (
        <section key={group.id} className="nav__group" aria-labelledby={`nav-${group.id}`}>
          <h2 className="nav__heading" id={`nav-${group.id}`}>
            {t(group.label)}
          </h2>
          <ul>
            {group.items.map((item) => (
              <li key={item.view}>
                <NavLink className="nav__link" to={viewPath(context, item.view) + search}>
                  {typeof item.label === 'string' ? t(item.label) : item.label.text}
                </NavLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
