/**
 * What an edit is based on: the object as it was when the user started typing, not the newest
 * version the live page has received since. A new spec in between (someone else scaled it)
 * then makes the write a 409 instead of silently overwriting it.
 */
import { useCallback, useState } from 'react';
import type { SeenObject } from './workloadApi.ts';

export interface BasedOn {
  /** What to send with the write. */
  seen: SeenObject;
  /** Call on the first edit: pins the object the user is looking at. */
  touch(): void;
  /** After a write (or "retry on the latest"): follow the live object again. */
  release(): void;
}

export function useBasedOn(current: SeenObject): BasedOn {
  const [pinned, setPinned] = useState<SeenObject>();
  const touch = useCallback(() => setPinned((p) => p ?? current), [current]);
  const release = useCallback(() => setPinned(undefined), []);
  return { seen: pinned ?? current, touch, release };
}
