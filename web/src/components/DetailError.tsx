/**
 * The error of a detail page that has already shown its object. A 404 then means the object
 * was deleted while the page was open (evicted, scaled away, deleted by someone else): the page
 * says so and keeps the last known state readable; anything else is explained as a Status.
 */
import { Link } from 'react-router';
import type { StatusBody } from '../api/apiError.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { StatusMessage } from './StatusMessage.tsx';

/** True when an object shown before is gone now. */
export function isGone(error: StatusBody | undefined, shown: unknown): boolean {
  return error?.code === 404 && shown !== undefined;
}

export function DetailError(props: { error?: StatusBody; context: string; kind: string; name: string; back?: { to: string; label: string } }) {
  const t = useT();
  const { error, back } = props;
  if (!error) return null;
  if (error.code !== 404) return <StatusMessage status={error} context={props.context} />;
  return (
    <p className="notice notice--gone" role="status" data-testid="detail-gone">
      {t('detail.gone', { kind: props.kind, name: props.name })} {back && <Link to={back.to}>{back.label}</Link>}
    </p>
  );
}
