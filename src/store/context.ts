import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './simulation-store';

export const LabStoreContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab needs a LabStoreContext provider');
  return store;
}

/** Selects from the lab store of the nearest LabStoreContext provider. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/**
 * Like useLab, for selections that are plain data rebuilt on every refresh
 * (configs, lists): the component re-renders only when the selected data
 * really changed, not whenever the snapshot object is new.
 */
export function useLabData<T>(selector: (state: LabState) => T): T {
  const store = useLabStore();
  const cache = useRef<{ json: string; value: T } | null>(null);
  const read = () => {
    const value = selector(store.getState());
    const json = JSON.stringify(value);
    if (cache.current?.json !== json) cache.current = { json, value };
    return cache.current.value;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}
