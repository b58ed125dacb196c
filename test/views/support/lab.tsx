/**
 * Renders views against a real lab store (real model, no mocks) and offers the
 * few interactions happy-dom cannot do like a user (dragging a range input).
 */
import { act, fireEvent, render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { Profiler, type ReactElement } from 'react';
import { defaultConfig, type SimulationConfigInput } from '../../../src/model/index';
import { LabStoreContext } from '../../../src/store/context';
import {
  createLabStore,
  type LabStore,
  type LabStoreOptions,
} from '../../../src/store/simulation-store';

export interface LabRender extends RenderResult {
  readonly store: LabStore;
  readonly user: UserEvent;
}

export interface LabRenderOptions extends LabStoreOptions {
  readonly config?: SimulationConfigInput;
  /** Render into this store instead of a new one. */
  readonly store?: LabStore;
}

/** Renders `ui` inside a provider with a fresh, paused store (unless one is given). */
export function renderLab(ui: ReactElement, options: LabRenderOptions = {}): LabRender {
  const { config = defaultConfig(), store: given, ...storeOptions } = options;
  const store = given ?? createLabStore(config, { playing: false, ...storeOptions });
  const user = userEvent.setup();
  const result = render(<LabStoreContext.Provider value={store}>{ui}</LabStoreContext.Provider>);
  return { ...result, store, user };
}

/** Like renderLab, inside React's Profiler: `renders()` counts the commits `ui` took part in. */
export function renderCounted(
  ui: ReactElement,
  options: LabRenderOptions = {},
): LabRender & { readonly renders: () => number } {
  let renders = 0;
  const result = renderLab(
    <Profiler id="counted" onRender={() => renders++}>
      {ui}
    </Profiler>,
    options,
  );
  return { ...result, renders: () => renders };
}

/** Advances simulated time by `ms` (store.step), letting React re-render. */
export function advance(store: LabStore, ms: number): void {
  act(() => store.getState().step(ms));
}

/** Moves a range input to `value` (a track position for log sliders). */
export function slide(input: HTMLElement, value: number): void {
  fireEvent.change(input, { target: { value: String(value) } });
}

/** Log sliders in the lab have 1000 track steps. */
export const LOG_TRACK_MAX = 1000;
