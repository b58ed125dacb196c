import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { Snapshot } from '../model/index';
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
 * Selects plain data from the panels' snapshot (configs, lists), rebuilt at
 * every panel refresh: the component re-renders only when the selected data
 * really changed, not whenever the snapshot object is new. The selection is
 * made again only when the panels' snapshot (or the selector) is new, not at
 * every frame's store update.
 */
export function useLabData<T>(selector: (panel: Snapshot) => T): T {
  const store = useLabStore();
  const cache = useRef<{ panel: Snapshot; selector: unknown; json: string; value: T } | null>(null);
  const read = () => {
    const panel = store.getState().panel;
    const last = cache.current;
    if (last && last.panel === panel && last.selector === selector) return last.value;
    const value = selector(panel);
    const json = JSON.stringify(value);
    cache.current = { panel, selector, json, value: last?.json === json ? last.value : value };
    return cache.current.value;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}
