import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState } from '../../state/slices.ts';
import type { LabStore } from '../../state/store.ts';
import { messagesOf, type Messages } from '../../i18n/i18n.ts';

export const LabContext = createContext<LabStore | null>(null);

/**
 * The lab's store itself, for what happens outside rendering (a playback loop, a key handler,
 * a scroll that follows the cursor): they read `getState()` when they run, never a stale copy.
 */
export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('the lab’s store is used outside <LabContext.Provider>');
  return store;
}

/** Reads a slice of the lab's store; re-renders only when that slice changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/** The texts of the current language. */
export function useMessages(): Messages {
  return messagesOf(useLab((s) => s.lang));
}
