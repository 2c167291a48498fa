/** A ticking age, from the shared one-second clock. */
import { ageOf } from './formatAge.ts';
import { useNow } from './useNow.ts';

export function Age({ since }: { since: string | undefined }) {
  const now = useNow();
  return (
    <time dateTime={since} title={since}>
      {ageOf(since, now)}
    </time>
  );
}
