/**
 * The scenario bar (picker, narration with previous/next and auto-advance, load
 * and save) and what it drives in <App/> (highlights, the error banner, drag and
 * drop), against a real store playing the real built-in scenarios.
 */
import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import sameKeyFile from '../../src/scenarios/builtin/01-same-key-same-partition.json';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  parseScenario,
  type Scenario,
} from '../../src/scenarios/index';
import { Session } from '../../src/session/index';
import type { ScenarioFileV2 } from '../../src/scenarios/schema';
import { createLabStore, type LabStore } from '../../src/store/simulation-store';
import { App } from '../../src/views/App';
import { ScenarioBar } from '../../src/views/ScenarioBar';
import { advance, renderLab } from './support/lab';

/** Steps at 0, 8, 15, 30 and 45 s; "notifier" gets a consumer at 15 s and at 30 s. */
const SAME_KEY = 'same-key-same-partition';
/** Steps at 0 (panel:lag), 20 (panel:controls), 27, 35 and 60 s (counter:orderingViolations). */
const ADDING = 'adding-partitions-breaks-ordering';

/** The lessons, in order, as a person reads them in the picker. */
const TITLES = [
  'Same key → same partition',
  'Adding partitions breaks per-key ordering',
  'No key → round-robin → no ordering',
  'Partition count = max parallel consumers',
  'Lag grows when producers outpace consumers',
  'A poison message and the dead-letter queue',
  'A reused groupId splits messages',
  'Commit timing: lost or duplicated',
  'A durable log you can replay',
  "When you don't need Kafka",
  'Eager, cooperative and KIP-848 rebalances',
  'A slow handler starts a rebalance storm',
];

/** The panels' snapshots carry this many records per partition (the store's default). */
const RECORDS = 24;

const picker = () => screen.getByRole('combobox', { name: 'Scenario' });
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const previous = () => button('← Previous');
const next = () => button('Next →');
const autoAdvance = () => screen.getByRole('checkbox', { name: 'Auto-advance' });
const narration = () => screen.getByTestId('narration');
const caption = () => narration().querySelector('.caption');
const fileInput = () => screen.getByLabelText('Load a scenario file');
/** Focus on the page itself, as after a click on empty space. */
const focusBody = () => act(() => (document.activeElement as HTMLElement | null)?.blur());

function builtin(id: string): Scenario {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in scenario ${id}`);
  return s;
}

/** A fresh, paused store playing the built-in scenario `id` (from its start). */
function storeFor(id: string): LabStore {
  return createLabStore(builtin(id), { playing: false });
}

/** The lab's state, read the way the panels read it. */
const state = (store: LabStore) => store.getState();
const consumers = (store: LabStore, appId: string) =>
  state(store).panel.apps.find((a) => a.id === appId)?.memberIds.length;

/** What a headless run of `scenario` shows, to compare with what the lab holds. */
const snapshotOf = (run: Session) =>
  run.sim.snapshot({ recordsPerPartition: RECORDS, monitoring: false });

/** Scenario 1 as a file, edited by `edit` (a fresh copy each time). */
function sameKeyWith(edit: (file: ScenarioFileV2) => void): string {
  const file = structuredClone(sameKeyFile) as unknown as ScenarioFileV2;
  edit(file);
  return JSON.stringify(file, null, 2);
}

const jsonFile = (text: string, name: string) =>
  new File([text], name, { type: 'application/json' });

/** A file a person wrote: scenario 1 under another name, its first step at 5 s. */
const MY_LESSON = sameKeyWith((f) => {
  f.id = 'my-lesson';
  f.title = 'My lesson';
  f.summary = 'Before the first step.';
  f.steps[0]!.at = 5000;
});

/** Reduces the topic from 3 to 2 partitions at 1 s: rejected by the validator's dry run. */
const SHRINKING = sameKeyWith((f) => {
  f.timeline.unshift({
    at: 1000,
    action: { type: 'addPartitions', topic: 'user-events', partitions: 2 },
  });
});

/**
 * The drag events a browser fires when a file is dragged onto the page (happy-dom
 * has no drag-and-drop, so the dataTransfer is built by hand).
 */
function dragFile(target: Element, file: File, kind: 'dragOver' | 'drop'): void {
  fireEvent[kind](target, { dataTransfer: { types: ['Files'], files: [file] } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ScenarioBar: picking a scenario', () => {
  it('lists "Free lab" and the twelve lessons in order, numbered, with their summaries', () => {
    renderLab(<ScenarioBar />);
    const options = within(picker()).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.textContent)).toEqual([
      'Free lab (sliders only)',
      ...TITLES.map((t, i) => `${i + 1}. ${t}`),
    ]);
    expect(options.map((o) => o.value)).toEqual(['lab', ...BUILTIN_SCENARIOS.map((s) => s.id)]);
    expect(options.slice(1).map((o) => o.title)).toEqual(BUILTIN_SCENARIOS.map((s) => s.summary));
    expect(picker()).toHaveValue('lab');
  });

  it('choosing a lesson loads it and starts it afresh at step 1', async () => {
    const { store, user } = renderLab(<App />);
    advance(store, 3000);
    expect(state(store).panel.time).toBe(3000);

    await user.selectOptions(picker(), '2. Adding partitions breaks per-key ordering');
    const lesson = builtin(ADDING);
    const s = state(store);
    expect(s.scenario.id).toBe(ADDING);
    expect(s.snapshot.time).toBe(0);
    expect(s.panel.time).toBe(0);
    expect(s.panel.totals.produced).toBe(0);
    expect(s.stepIndex).toBe(0);
    expect(s.error).toBeNull();
    // The lesson's own setup, not the free lab's.
    expect(s.panel.apps.map((a) => a.id)).toEqual(lesson.config.apps!.map((a) => a.id));
    expect(screen.getByTestId('sim-time')).toHaveTextContent('0:00.0');
    expect(picker()).toHaveValue(ADDING);
    expect(narration()).toHaveTextContent(`Step 1 of ${lesson.steps.length} · 0:00.0`);
    expect(caption()).toHaveTextContent(lesson.steps[0]!.caption);

    // Another lesson, part-way through this one, starts that one at 0 too.
    advance(store, 5000);
    await user.selectOptions(picker(), SAME_KEY);
    expect(state(store).scenario.id).toBe(SAME_KEY);
    expect(state(store).panel.time).toBe(0);
    expect(narration()).toHaveTextContent('Step 1 of 5');
    expect(caption()).toHaveTextContent(builtin(SAME_KEY).steps[0]!.caption);

    // And back to the free lab: the default setup, no narration.
    await user.selectOptions(picker(), 'lab');
    expect(state(store).scenario.id).toBe('lab');
    expect(state(store).panel.time).toBe(0);
    expect(state(store).panel.producers.map((p) => p.id)).toEqual(['producer-1']);
    expect(narration()).not.toHaveTextContent(/Step \d/);
  });

  it('the free lab shows its summary, with Load and Save but no Previous, Next or Auto-advance', () => {
    const { store } = renderLab(<ScenarioBar />);
    expect(caption()).toHaveTextContent(state(store).scenario.summary);
    expect(caption()).toHaveTextContent('Drag the sliders');
    expect(narration()).not.toHaveTextContent(/Step|Starting/);
    expect(screen.queryByRole('button', { name: '← Previous' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next →' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Auto-advance' })).toBeNull();
    expect(button('Load…')).toBeEnabled();
    expect(button('Save recording')).toBeEnabled();
  });
});

describe('ScenarioBar: previous and next', () => {
  it('Next runs on to each step, Previous goes back to it; the ends disable them', async () => {
    const { store, user } = renderLab(<ScenarioBar />, { store: storeFor(SAME_KEY) });
    const { steps } = builtin(SAME_KEY);
    expect(steps.map((s) => s.at)).toEqual([0, 8000, 15000, 30000, 45000]);
    expect(narration()).toHaveTextContent('Step 1 of 5');

    for (let i = 1; i < steps.length; i++) {
      expect(next()).toBeEnabled();
      await user.click(next());
      expect(state(store).panel.time).toBe(steps[i]!.at);
      expect(state(store).snapshot.time).toBe(steps[i]!.at);
      expect(state(store).stepIndex).toBe(i);
      expect(narration()).toHaveTextContent(`Step ${i + 1} of 5`);
      expect(caption()).toHaveTextContent(steps[i]!.caption);
    }
    expect(narration()).toHaveTextContent('Step 5 of 5 · 0:45.0');
    expect(next()).toBeDisabled();
    act(() => state(store).nextStep()); // at the last step, nothing further
    expect(state(store).panel.time).toBe(45000);

    // At a step's start, back to the one before.
    await user.click(previous());
    expect(state(store).panel.time).toBe(30000);
    expect(state(store).stepIndex).toBe(3);
    expect(narration()).toHaveTextContent('Step 4 of 5 · 0:30.0');
    expect(caption()).toHaveTextContent(steps[3]!.caption);
    expect(next()).toBeEnabled();

    // Part-way through a step, back to that step's start first.
    advance(store, 2500);
    expect(narration()).toHaveTextContent('Step 4 of 5');
    await user.click(previous());
    expect(state(store).panel.time).toBe(30000);
    expect(narration()).toHaveTextContent('Step 4 of 5');
    await user.click(previous());
    expect(state(store).panel.time).toBe(15000);
    expect(caption()).toHaveTextContent(steps[2]!.caption);
    expect(state(store).scenario.id).toBe(SAME_KEY);
  });

  it('before the first step: "Starting", the summary, Previous disabled', async () => {
    const { store, user } = renderLab(<ScenarioBar />);
    act(() => {
      expect(state(store).loadScenarioFile(MY_LESSON, 'my-lesson.json')).toBe(true);
    });
    expect(state(store).stepIndex).toBe(-1);
    expect(narration()).toHaveTextContent('Starting');
    expect(caption()).toHaveTextContent('Before the first step.');
    expect(previous()).toBeDisabled();
    expect(next()).toBeEnabled();

    await user.click(next());
    expect(state(store).panel.time).toBe(5000);
    expect(narration()).toHaveTextContent('Step 1 of 5 · 0:05.0');
    expect(previous()).toBeEnabled();

    // Back from the first step's start: to the very beginning.
    await user.click(previous());
    expect(state(store).panel.time).toBe(0);
    expect(narration()).toHaveTextContent('Starting');
    expect(previous()).toBeDisabled();

    // Part-way to the first step, back to 0.
    advance(store, 2000);
    expect(previous()).toBeDisabled();
    act(() => state(store).previousStep());
    expect(state(store).panel.time).toBe(0);
  });

  it('PageDown and PageUp are Next and Previous, even with the picker focused (a clicker)', async () => {
    const { store, user } = renderLab(<App />);
    await user.selectOptions(picker(), SAME_KEY);
    expect(picker()).toHaveFocus();
    await user.keyboard('{PageDown}');
    expect(state(store).panel.time).toBe(8000);
    expect(picker()).toHaveValue(SAME_KEY);
    expect(narration()).toHaveTextContent('Step 2 of 5');

    focusBody();
    await user.keyboard('{PageDown}{PageDown}');
    expect(state(store).panel.time).toBe(30000);
    expect(narration()).toHaveTextContent('Step 4 of 5');
    expect(caption()).toHaveTextContent(builtin(SAME_KEY).steps[3]!.caption);
    await user.keyboard('{PageUp}');
    expect(state(store).panel.time).toBe(15000);
    expect(narration()).toHaveTextContent('Step 3 of 5');
    expect(next()).toHaveAttribute('aria-keyshortcuts', 'PageDown');
    expect(previous()).toHaveAttribute('aria-keyshortcuts', 'PageUp');
  });
});

describe('ScenarioBar: auto-advance', () => {
  it('off: playback stops exactly at the next step and pauses; on: it plays through', async () => {
    const { store, user } = renderLab(<ScenarioBar />, { store: storeFor(SAME_KEY) });
    expect(autoAdvance()).toBeChecked();
    expect(state(store).autoAdvance).toBe(true);
    await user.click(autoAdvance());
    expect(state(store).autoAdvance).toBe(false);
    expect(autoAdvance()).not.toBeChecked();

    // 250 ms of real time at 100× is 25 s of simulated time: past the step at 8 s.
    act(() => {
      state(store).setSpeed(100);
      state(store).setPlaying(true);
      state(store).tick(250);
    });
    expect(state(store).snapshot.time).toBe(8000);
    expect(state(store).panel.time).toBe(8000);
    expect(state(store).playing).toBe(false);
    expect(narration()).toHaveTextContent('Step 2 of 5');

    // Paused: further frames do nothing until the presenter plays on.
    act(() => state(store).tick(250));
    expect(state(store).snapshot.time).toBe(8000);
    act(() => {
      state(store).setPlaying(true);
      state(store).tick(50); // 5 s: short of the next step
    });
    expect(state(store).snapshot.time).toBe(13000);
    expect(state(store).playing).toBe(true);
    act(() => state(store).tick(250));
    expect(state(store).snapshot.time).toBe(15000);
    expect(state(store).playing).toBe(false);
    expect(narration()).toHaveTextContent('Step 3 of 5');

    // On again: the same frame runs through the steps at 30 s.
    await user.click(autoAdvance());
    expect(state(store).autoAdvance).toBe(true);
    act(() => {
      state(store).setPlaying(true);
      state(store).tick(250);
    });
    expect(state(store).snapshot.time).toBe(40000);
    expect(state(store).playing).toBe(true);
    expect(state(store).stepIndex).toBe(3);
    expect(narration()).toHaveTextContent('Step 4 of 5');
  });
});

describe('ScenarioBar: going back replays what a person did', () => {
  it('keeps an action made before the step it returns to, not one made after it', async () => {
    const { store, user } = renderLab(<ScenarioBar />, { store: storeFor(SAME_KEY) });
    await user.click(next()); // 8 s
    advance(store, 2000);
    act(() => {
      expect(state(store).dispatch({ type: 'addConsumer', appId: 'notifier' })).toBe(true);
    });
    expect(consumers(store, 'notifier')).toBe(2);
    await user.click(next()); // 15 s: the script adds one
    expect(consumers(store, 'notifier')).toBe(3);
    await user.click(next()); // 30 s: and another
    expect(consumers(store, 'notifier')).toBe(4);

    // Back to 15 s: the person's consumer (at 10 s) is still there.
    await user.click(previous());
    expect(state(store).panel.time).toBe(15000);
    expect(state(store).scenario.id).toBe(SAME_KEY);
    expect(narration()).toHaveTextContent('Step 3 of 5');
    expect(consumers(store, 'notifier')).toBe(3);
    // As if played straight there with the same action at the same time.
    const straight = new Session(builtin(SAME_KEY));
    straight.advance(10000);
    straight.apply({ type: 'addConsumer', appId: 'notifier' });
    straight.advance(5000);
    expect(state(store).snapshot).toEqual(snapshotOf(straight));

    // Back to 8 s, before the person's action: only the script's starting consumer.
    await user.click(previous());
    expect(state(store).panel.time).toBe(8000);
    expect(narration()).toHaveTextContent('Step 2 of 5');
    expect(consumers(store, 'notifier')).toBe(1);
    const untouched = new Session(builtin(SAME_KEY));
    untouched.advance(8000);
    expect(state(store).snapshot).toEqual(snapshotOf(untouched));

    // The session still holds the action: playing on brings it back at 10 s.
    advance(store, 2000);
    expect(consumers(store, 'notifier')).toBe(2);
    await user.click(next());
    expect(consumers(store, 'notifier')).toBe(3);
    expect(state(store).snapshot).toEqual(snapshotOf(straight));
  });
});

describe('narration highlights', () => {
  it('light up the lag chart and the "Out of order" counter only on the steps naming them', async () => {
    const { container, store, user } = renderLab(<App />);
    const lagChart = () => container.querySelector('.lag-chart-wrap')!;
    const controls = () => container.querySelector('.controls-wrap')!;
    const outOfOrder = () => screen.getByTestId('counter-Out of order');
    const highlighted = () => Array.from(container.querySelectorAll('.highlighted'));
    expect(highlighted()).toEqual([]);

    await user.selectOptions(picker(), ADDING);
    const { steps } = builtin(ADDING);
    expect(steps[0]!.highlight).toContain('panel:lag');
    expect(lagChart()).toHaveClass('highlighted');
    expect(outOfOrder()).not.toHaveClass('highlighted');

    await user.click(next()); // 20 s: panel:controls
    expect(steps[1]!.highlight).toEqual(['topic:user-events', 'panel:controls']);
    expect(lagChart()).not.toHaveClass('highlighted');
    expect(controls()).toHaveClass('highlighted');
    expect(outOfOrder()).not.toHaveClass('highlighted');

    await user.click(next()); // 27 s: partitions only
    expect(highlighted()).not.toContain(lagChart());
    expect(highlighted()).not.toContain(controls());
    expect(highlighted()).not.toContain(outOfOrder());

    await user.click(next()); // 35 s: counter:orderingViolations
    expect(steps[3]!.highlight).toEqual(['counter:orderingViolations']);
    expect(outOfOrder()).toHaveClass('highlighted');
    expect(lagChart()).not.toHaveClass('highlighted');
    for (const label of ['Produced', 'Consumed', 'Duplicates', 'Lost', 'Skipped']) {
      expect(screen.getByTestId(`counter-${label}`)).not.toHaveClass('highlighted');
    }

    await user.click(previous()); // back to 27 s
    expect(state(store).panel.time).toBe(27000);
    expect(outOfOrder()).not.toHaveClass('highlighted');

    await user.selectOptions(picker(), 'lab');
    expect(highlighted()).toEqual([]);
  });
});

describe('loading a scenario file', () => {
  it('"Load…" opens the file picker, and a valid file plays from its start', async () => {
    const { store, user } = renderLab(<App />, { store: storeFor(ADDING) });
    const input = fileInput() as HTMLInputElement;
    expect(input).toHaveAttribute('type', 'file');
    const click = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    await user.click(button('Load…'));
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();

    advance(store, 12000);
    await user.upload(input, jsonFile(MY_LESSON, 'my-lesson.json'));
    await waitFor(() => expect(state(store).scenario.id).toBe('my-lesson'));
    expect(state(store).panel.time).toBe(0);
    expect(state(store).error).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(narration()).toHaveTextContent('Starting');
    // Not a lesson: the picker names it as a file.
    expect(picker()).toHaveValue('');
    expect(
      within(picker()).getByRole('option', { name: 'My lesson (from a file)' }),
    ).toBeInTheDocument();

    await user.click(next());
    expect(state(store).panel.time).toBe(5000);
    expect(caption()).toHaveTextContent(sameKeyFile.steps[0]!.caption);

    // The same file again starts it afresh.
    await user.upload(input, jsonFile(MY_LESSON, 'my-lesson.json'));
    await waitFor(() => expect(state(store).panel.time).toBe(0));
    expect(narration()).toHaveTextContent('Starting');
  });

  it.each([
    ['broken JSON', 'broken.json', '{ "schemaVersion": 2,', 'file: is not valid JSON'],
    ['a reducing-partitions action', 'shrink.json', SHRINKING, 'timeline[0].action.partitions'],
  ])(
    'a file with %s shows an alert naming the file and where, and changes nothing',
    async (_, name, text, where) => {
      const { store, user } = renderLab(<App />, { store: storeFor(ADDING) });
      const run = new Session(builtin(ADDING));
      await user.click(next()); // 20 s
      advance(store, 3000);
      run.advance(23000);
      const before = state(store).snapshot;
      expect(before).toEqual(snapshotOf(run));

      await user.upload(fileInput(), jsonFile(text, name));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(`${name}: ${where}`);
      expect(state(store).error?.code).toBe('INVALID_SCENARIO');
      const s = state(store);
      expect(s.scenario.id).toBe(ADDING);
      expect(s.stepIndex).toBe(1);
      expect(s.snapshot).toBe(before);
      expect(s.panel.time).toBe(23000);
      expect(picker()).toHaveValue(ADDING);
      expect(narration()).toHaveTextContent('Step 2 of 5');

      // It plays on exactly as if nothing had been dropped.
      advance(store, 4000);
      run.advance(4000);
      expect(state(store).snapshot).toEqual(snapshotOf(run));

      await user.click(button('Dismiss error'));
      expect(screen.queryByRole('alert')).toBeNull();
      expect(state(store).error).toBeNull();
    },
  );

  it('a bad file, then a good one: the good one plays and the alert goes', async () => {
    const { store, user } = renderLab(<App />, { store: storeFor(ADDING) });
    await user.upload(fileInput(), jsonFile(SHRINKING, 'shrink.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent('shrink.json');
    await user.upload(fileInput(), jsonFile(MY_LESSON, 'my-lesson.json'));
    await waitFor(() => expect(state(store).scenario.id).toBe('my-lesson'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('drag and drop onto the lab', () => {
  it('dragging a file over shows the drop hint; dropping it plays it', async () => {
    const { container, store } = renderLab(<App />);
    const lab = container.querySelector('.lab')!;
    const file = jsonFile(MY_LESSON, 'my-lesson.json');
    advance(store, 2000);

    dragFile(lab, file, 'dragOver');
    expect(screen.getByText('Drop a scenario file to play it')).toBeInTheDocument();
    dragFile(lab, file, 'drop');
    expect(screen.queryByText('Drop a scenario file to play it')).toBeNull();
    await waitFor(() => expect(state(store).scenario.id).toBe('my-lesson'));
    expect(state(store).panel.time).toBe(0);
    expect(narration()).toHaveTextContent('Starting');
  });

  it('leaving the page hides the hint; dragging text (not a file) does nothing', async () => {
    const { container, store } = renderLab(<App />);
    const lab = container.querySelector('.lab')!;
    dragFile(lab, jsonFile(MY_LESSON, 'my-lesson.json'), 'dragOver');
    expect(screen.getByText('Drop a scenario file to play it')).toBeInTheDocument();
    // Leaving the window: no element is entered (happy-dom's DragEvent has no relatedTarget).
    const leave = createEvent.dragLeave(lab);
    Object.defineProperty(leave, 'relatedTarget', { value: null });
    fireEvent(lab, leave);
    expect(screen.queryByText('Drop a scenario file to play it')).toBeNull();

    const text = { types: ['text/plain'], files: [] };
    expect(fireEvent.dragOver(lab, { dataTransfer: text })).toBe(true); // not prevented
    expect(screen.queryByText('Drop a scenario file to play it')).toBeNull();
    fireEvent.drop(lab, { dataTransfer: text });
    await new Promise((r) => setTimeout(r, 0));
    expect(state(store).scenario.id).toBe('lab');
  });

  it('dropping a bad file shows the alert and leaves the simulation alone', async () => {
    const { container, store } = renderLab(<App />, { store: storeFor(SAME_KEY) });
    advance(store, 9000);
    const before = state(store).snapshot;
    dragFile(container.querySelector('.lab')!, jsonFile(SHRINKING, 'shrink.json'), 'drop');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'shrink.json: timeline[0].action.partitions',
    );
    expect(state(store).scenario.id).toBe(SAME_KEY);
    expect(state(store).snapshot).toBe(before);
    expect(state(store).panel.time).toBe(9000);
  });
});

describe('saving the session', () => {
  /** Captures what "Save" downloads (the browser's save dialog is stubbed out). */
  function captureDownloads() {
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:download-${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    return { blobs, names };
  }

  it('downloads a file that replays to the same trace, a person’s action included', async () => {
    const downloads = captureDownloads();
    const { store, user } = renderLab(<App />, { store: storeFor(SAME_KEY) });
    const addConsumer = { type: 'addConsumer', appId: 'notifier' } as const;
    advance(store, 10000);
    act(() => {
      expect(state(store).dispatch(addConsumer)).toBe(true);
    });
    advance(store, 2000);

    await user.click(button('Save recording'));
    expect(downloads.names).toEqual([`${SAME_KEY}.json`]);
    expect(downloads.blobs).toHaveLength(1);
    const blob = downloads.blobs[0]!;
    expect(blob.type).toBe('application/json');
    const text = await blob.text();
    const saved = parseScenario(text);
    expect(saved.id).toBe(SAME_KEY);
    expect(saved.steps).toEqual(builtin(SAME_KEY).steps);
    // The person's action at its time, then the script's still to come.
    expect(saved.timeline).toEqual([
      { at: 10000, action: addConsumer },
      ...builtin(SAME_KEY).timeline,
    ]);

    // Played headless, the file reaches what the lab shows, with the same trace
    // as the lesson with that action made at 10 s.
    const reference = new Session(builtin(SAME_KEY));
    reference.advance(10000);
    reference.apply(addConsumer);
    reference.advance(2000);
    const replay = new Session(saved);
    replay.advance(12000);
    expect(replay.sim.traceHash()).toBe(reference.sim.traceHash());
    expect(snapshotOf(replay)).toEqual(state(store).snapshot);
    // And further on, through the script's own actions.
    reference.advance(30000);
    replay.advance(30000);
    expect(replay.sim.traceHash()).toBe(reference.sim.traceHash());

    // Loaded back into the lab, it plays the same session.
    const lab = state(store).snapshot;
    await user.upload(fileInput(), jsonFile(text, `${SAME_KEY}.json`));
    await waitFor(() => expect(state(store).panel.time).toBe(0));
    advance(store, 12000);
    expect(state(store).snapshot).toEqual(lab);
    expect(consumers(store, 'notifier')).toBe(2);
  });

  it('the free lab saves as lab.json and replays to the same trace', async () => {
    const downloads = captureDownloads();
    const { store, user } = renderLab(<ScenarioBar />);
    advance(store, 1500);
    act(() => {
      state(store).dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 4 });
    });
    advance(store, 1500);
    await user.click(button('Save recording'));
    expect(downloads.names).toEqual(['lab.json']);
    const saved = parseScenario(await downloads.blobs[0]!.text());
    expect(saved.timeline).toEqual([
      { at: 1500, action: { type: 'addPartitions', topic: 'user-events', partitions: 4 } },
    ]);
    const replay = new Session(saved);
    replay.advance(3000);
    expect(snapshotOf(replay)).toEqual(state(store).snapshot);
  });
});
