import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../../state/store.ts';
import { messagesOf, type Messages } from '../../i18n/i18n.ts';

export const LabContext = createContext<LabStore | null>(null);

/** Reads a slice of the lab's store; re-renders only when that slice changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLab must be used inside <LabContext.Provider>');
  return useStore(store, selector);
}

/** The texts of the current language. */
export function useMessages(): Messages {
  return messagesOf(useLab((s) => s.lang));
}
