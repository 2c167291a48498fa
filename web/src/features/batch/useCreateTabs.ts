/**
 * The form/YAML tabs of a create dialog and what a refused submit leaves: the tab that was
 * refused shows all its problems (not only the touched fields') until the input changes tab or
 * is sent, and each refusal is counted so the YAML panel can say so again.
 */
import { useState } from 'react';
import type { CreateTab } from './CreateDialog.tsx';

export interface CreateTabs {
  tab: CreateTab;
  refusedTab: CreateTab | undefined;
  refusals: number;
  onTab(next: CreateTab): void;
  /** The open tab's checked input when there is one to send; otherwise undefined, and the tab is marked refused. */
  admit<T>(input: T | undefined): T | undefined;
}

export function useCreateTabs(): CreateTabs {
  const [tab, setTab] = useState<CreateTab>('form');
  const [refusals, setRefusals] = useState(0);
  const [refusedTab, setRefusedTab] = useState<CreateTab>();
  return {
    tab,
    refusedTab,
    refusals,
    onTab(next) {
      setTab(next);
      setRefusedTab(undefined);
    },
    admit(input) {
      if (input !== undefined) {
        setRefusedTab(undefined);
        return input;
      }
      setRefusedTab(tab);
      setRefusals((n) => n + 1);
      return undefined;
    },
  };
}
