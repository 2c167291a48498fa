import { Link } from 'react-router';
import { useT } from '../i18n/I18nProvider.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <div className="status-message" role="alert">
      <p className="status-message__what">{t('app.notFound')}</p>
      <p className="status-message__todo">
        <Link to="/">{t('app.goHome')}</Link>
      </p>
    </div>
  );
}
