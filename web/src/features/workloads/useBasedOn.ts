/**
 * The resourceVersion an edit is based on: the object's version when the user started typing,
 * not the newest one the live page has since received. A change made by someone else in
 * between then makes the write a 409 instead of silently overwriting it.
 */
import { useCallback, useState } from 'react';

export interface BasedOn {
  /** The version to send with the write. */
  version: string;
  /** Call on the first edit: pins the version the user is looking at. */
  touch(): void;
  /** After a write (or "retry on the latest"): follow the live version again. */
  release(): void;
}

export function useBasedOn(current: string): BasedOn {
  const [pinned, setPinned] = useState<string>();
  const touch = useCallback(() => setPinned((p) => p ?? current), [current]);
  const release = useCallback(() => setPinned(undefined), []);
  return { version: pinned ?? current, touch, release };
}
