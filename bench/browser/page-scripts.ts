/**
 * Code that runs inside the page. Kept as source strings on purpose: tsx (esbuild with
 * keepNames) rewrites functions written in TypeScript with calls to a `__name` helper that
 * exists only in Node, so a function passed to page.evaluate would throw in the page.
 */

/** The mark the app sets once the first partition lane has been drawn. */
export const FIRST_LANE_MARK = 'pl:first-lane';

/** The element the current views render per partition (fallback when the mark is absent). */
export const PARTITION_SELECTOR = '[data-testid="partition"]';

/** Global (non-enumerable) where the init script records what it observed. */
const PROBE = '__partitionLabBench';

/**
 * Init script for first-lane loads: records performance.now() (ms since navigation start) when
 * the first PARTITION_SELECTOR element is inserted into the DOM, using a MutationObserver that
 * is installed before any page script runs and disconnects once it has seen one.
 */
export const FIRST_PARTITION_PROBE = `(() => {
  const probe = { partitionInsertedAt: null };
  Object.defineProperty(window, ${JSON.stringify(PROBE)}, { value: probe });
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(PARTITION_SELECTOR)}) === null) return;
    probe.partitionInsertedAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** True once the page has marked its first lane or shows a partition element. */
export const LANE_OR_PARTITION_SHOWN = `performance.getEntriesByName(${JSON.stringify(
  FIRST_LANE_MARK,
)}).length > 0 || document.querySelector(${JSON.stringify(PARTITION_SELECTOR)}) !== null`;

/**
 * True once the mark exists, or once the probe saw a partition element at least `graceMs` ago
 * (so an app that marks the lane a frame or two after inserting the element is not missed).
 */
export function markOrPartitionSettled(graceMs: number): string {
  return `performance.getEntriesByName(${JSON.stringify(FIRST_LANE_MARK)}).length > 0 ||
    (window[${JSON.stringify(PROBE)}]?.partitionInsertedAt != null &&
      performance.now() - window[${JSON.stringify(PROBE)}].partitionInsertedAt >= ${graceMs})`;
}

export interface FirstLaneReading {
  /** startTime of the pl:first-lane mark (ms after navigation start), or null if not marked. */
  readonly markMs: number | null;
  /** When the first partition element entered the DOM (ms after navigation start), or null. */
  readonly partitionInsertedMs: number | null;
}

export const READ_FIRST_LANE = `(() => {
  const mark = performance.getEntriesByName(${JSON.stringify(FIRST_LANE_MARK)})[0];
  const probe = window[${JSON.stringify(PROBE)}];
  return {
    markMs: mark === undefined ? null : mark.startTime,
    partitionInsertedMs: probe?.partitionInsertedAt ?? null,
  };
})()`;

/**
 * Runs a requestAnimationFrame loop until the first frame at least `durationMs` after the first
 * one (by the frames' own timestamps) and resolves with every frame timestamp (ms). The loop
 * does nothing else per frame. If frames stop coming (a hidden page), it gives up
 * `giveUpMs` after starting and resolves with what it has.
 */
export function rafTimestamps(durationMs: number, giveUpMs: number): string {
  return `new Promise((resolve) => {
  const stamps = [];
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    resolve(stamps);
  };
  const tick = (now) => {
    if (done) return;
    stamps.push(now);
    if (now - stamps[0] >= ${durationMs}) finish();
    else requestAnimationFrame(tick);
  };
  setTimeout(finish, ${giveUpMs});
  requestAnimationFrame(tick);
})`;
}

/** Number of elements in the document (how much DOM the views keep). */
export const ELEMENT_COUNT = `document.getElementsByTagName('*').length`;
