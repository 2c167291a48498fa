/**
 * One write from a detail page: busy while it runs, the API's Status when it fails (the form
 * keeps its input; a 409 is explained, never retried), a toast and a refresh when it succeeds.
 */
import { useCallback, useState } from 'react';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { useToast } from '../../components/Toasts.tsx';

export interface Action {
  busy: boolean;
  error?: StatusBody;
  run(write: () => Promise<unknown>, done: string): Promise<boolean>;
  clear(): void;
}

export function useAction(onDone?: () => void): Action {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StatusBody>();
  const run = useCallback(
    async (write: () => Promise<unknown>, done: string) => {
      setBusy(true);
      setError(undefined);
      try {
        await write();
        toast(done, 'success');
        onDone?.();
        return true;
      } catch (err) {
        setError(toStatus(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toast, onDone],
  );
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
