/**
 * Share links: the whole session in a URL fragment, so opening it rebuilds
 * the same state bit for bit (same trace hash) at the same moment and view.
 *
 *   #share=1.<base64url(deflate-raw(UTF-8 JSON))>
 *
 * The number before the dot is the link format (how the bytes are packed);
 * the JSON inside carries its own content version `v`, migrated forward
 * like scenario files (`LINK_MIGRATIONS`), and the session itself as a
 * scenario file, read by the one scenario validator. A built-in lesson is
 * referred to by id for its texts, so its narration does not fill the link;
 * its config, seed and timeline are always carried whole.
 *
 * A link is data and only data: it is decoded with a size cap, parsed as
 * JSON, checked field by field, and nothing in it is executed or rendered
 * as HTML. Any failure is a ShareLinkError saying what is wrong.
 */
import * as v from 'valibot';
import { builtinScenario } from '../scenarios/builtin';
import { Json, MAX_DURATION_MS, type ScenarioFileV2 } from '../scenarios/schema';
import {
  MAX_FILE_BYTES,
  MAX_REPLAY_RECORDS,
  parseScenario,
  replayRecords,
  ScenarioError,
  type Scenario,
} from '../scenarios/validate';
import { decodeBase64url, encodeBase64url } from './base64url';
import type { TimedAction } from './session';

/** The fragment key: `#share=…`. */
export const SHARE_PARAM = 'share';
/** How the bytes are packed (the number before the dot). */
export const LINK_FORMAT = 1;
/** What the JSON inside holds (its `v`). */
export const LINK_VERSION = 1;
/** Links up to this long work everywhere (chats, mail, old browsers); past it, offer the file. */
export const MAX_SHARE_URL_CHARS = 2000;
/** Fragments longer than this are refused before decoding (a hostile link). */
export const MAX_LINK_CHARS = 200_000;

/** The lag panel's tabs: part of the view a link lands on. */
export const TABS = ['bars', 'describe', 'groups', 'code'] as const;
export type Tab = (typeof TABS)[number];

/** What a link reproduces: the session as a file, how far it was played, the moment and the tab. */
export interface SharedView {
  readonly scenario: ScenarioFileV2;
  /** Indexes of `scenario.timeline` entries that are a person's actions, not the script's. */
  readonly recorded?: readonly number[];
  /** The furthest moment played (the timeline's end). */
  readonly end: number;
  /** The moment shown. */
  readonly at: number;
  readonly tab: Tab;
}

/** A decoded link: the validated scenario and where to land. */
export interface OpenedLink {
  /** The scenario with its own script only. */
  readonly scenario: Scenario;
  /** The person's actions, kept apart: acting in the past forks them away. */
  readonly log: readonly TimedAction[];
  readonly end: number;
  readonly at: number;
  readonly tab: Tab;
}

export class ShareLinkError extends Error {
  override readonly name = 'ShareLinkError';
  constructor(
    /** Where: `link` for the packing, `link.<field>` for the content, `link.scenario.…` for the session. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Content of version 1. */
const LinkV1 = v.strictObject({
  v: v.literal(LINK_VERSION),
  /** A built-in lesson whose title, summary and steps the scenario takes. */
  ref: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/))),
  scenario: Json,
  /** Which timeline entries are a person's actions (ascending). */
  recorded: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), []),
  end: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_DURATION_MS)),
  at: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_DURATION_MS)),
  tab: v.picklist(TABS),
});
type LinkContent = v.InferOutput<typeof LinkV1>;
type LinkInput = v.InferInput<typeof LinkV1>;

/**
 * Older contents, upgraded one version at a time to LINK_VERSION. Each entry
 * turns version n into n + 1; old links keep working once the format grows.
 */
export const LINK_MIGRATIONS: Readonly<Record<number, (old: Record<string, unknown>) => unknown>> =
  {};

/** The fragment (without `#`) for `view`. */
export async function encodeShareLink(view: SharedView): Promise<string> {
  const ref = builtinRef(view.scenario);
  // A lesson's texts come from the lesson itself: only its id travels.
  const rest: Partial<ScenarioFileV2> = { ...view.scenario };
  delete rest.title;
  delete rest.summary;
  delete rest.steps;
  const content: LinkInput = {
    v: LINK_VERSION,
    ...(ref === undefined ? { scenario: view.scenario } : { ref, scenario: rest }),
    ...(view.recorded?.length ? { recorded: [...view.recorded] } : {}),
    end: view.end,
    at: view.at,
    tab: view.tab,
  };
  const bytes = await pipe(
    new TextEncoder().encode(JSON.stringify(content)),
    new CompressionStream('deflate-raw'),
    Infinity,
  );
  return `${SHARE_PARAM}=${LINK_FORMAT}.${encodeBase64url(bytes)}`;
}

/** Whether a URL fragment (with or without `#`) is a share link at all. */
export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(`${SHARE_PARAM}=`);
}

/** The view a fragment carries, validated; a ShareLinkError says what is wrong. */
export async function decodeShareLink(fragment: string): Promise<OpenedLink> {
  const text = fragment.replace(/^#/, '');
  if (text.length > MAX_LINK_CHARS) {
    throw new ShareLinkError('link', `is ${text.length} characters; at most ${MAX_LINK_CHARS}`);
  }
  const m = /^share=(\d{1,6})\.(.*)$/s.exec(text);
  if (!m) throw new ShareLinkError('link', 'expected "#share=<format>.<data>"');
  const format = Number(m[1]);
  if (format > LINK_FORMAT) {
    throw new ShareLinkError(
      'link',
      `was made by a newer Partition Lab (link format ${format}; this one reads up to ${LINK_FORMAT}): open it there`,
    );
  }
  if (format < 1) throw new ShareLinkError('link', `unknown link format ${format}`);
  const packed = decodeBase64url(m[2]!);
  if ('badIndex' in packed) {
    throw new ShareLinkError(
      'link',
      `character ${packed.badIndex + 1} of the data is not base64url (was the link cut or changed?)`,
    );
  }
  let json: string;
  try {
    const bytes = await pipe(packed, new DecompressionStream('deflate-raw'), MAX_FILE_BYTES);
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError(
      'link',
      'the data is damaged or cut short (was the link copied whole?)',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ShareLinkError('link', 'the data is not valid JSON');
  }
  return readContent(data);
}

/** Checks a decoded content (any version) and rebuilds the scenario through the one validator. */
export function readContent(data: unknown): OpenedLink {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ShareLinkError('link', 'expected an object inside');
  }
  let content = data as Record<string, unknown>;
  const version = content['v'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ShareLinkError('link.v', `expected a version number; got ${JSON.stringify(version)}`);
  }
  if (version > LINK_VERSION) {
    throw new ShareLinkError(
      'link.v',
      `was made by a newer Partition Lab (content version ${version}; this one reads up to ${LINK_VERSION}): open it there`,
    );
  }
  for (let n = version; n < LINK_VERSION; n++) {
    try {
      content = LINK_MIGRATIONS[n]!(content) as Record<string, unknown>;
    } catch {
      throw new ShareLinkError('link', `could not be upgraded from content version ${n}`);
    }
  }
  const result = v.safeParse(LinkV1, content);
  if (!result.success) {
    const issue = result.issues[0];
    const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
    throw new ShareLinkError(path ? `link.${path}` : 'link', issue.message);
  }
  const link = result.output;
  let scenario = readScenario(link);
  if (link.ref !== undefined) {
    // The lesson's texts go on after the file was read (and upgraded) in its own version.
    // A lesson this version does not have: the session still plays, without its narration.
    const lesson = builtinScenario(link.ref);
    scenario = lesson
      ? { ...scenario, title: lesson.title, summary: lesson.summary, steps: lesson.steps }
      : {
          ...scenario,
          title: 'Shared session',
          summary: `A lesson (${link.ref}) this version does not have.`,
          steps: [],
        };
  }
  const records = replayRecords(scenario.config, scenario.timeline, link.end);
  if (records > MAX_REPLAY_RECORDS) {
    throw new ShareLinkError(
      'link.end',
      `opening it would simulate up to ${Math.round(records).toLocaleString('en-US')} records; at most ${MAX_REPLAY_RECORDS.toLocaleString('en-US')} (share the recording as a file instead)`,
    );
  }
  if (link.end > scenario.durationMs) {
    throw new ShareLinkError('link.end', `is after the session ends (${scenario.durationMs} ms)`);
  }
  if (link.at > link.end) {
    throw new ShareLinkError('link.at', `is after the end of what was played (${link.end} ms)`);
  }
  const { script, log } = splitRecorded(scenario, link.recorded);
  return {
    scenario: { ...scenario, timeline: script },
    log,
    end: link.end,
    at: link.at,
    tab: link.tab,
  };
}

/**
 * Parts the validated timeline into the script and a person's actions. The
 * indexes must ascend, and at one instant the script's entries come first
 * (the order a session applies them in), so playing them apart is playing
 * the timeline the validator checked.
 */
function splitRecorded(
  scenario: Scenario,
  recorded: readonly number[],
): { script: TimedAction[]; log: TimedAction[] } {
  const timeline = scenario.timeline;
  const marked = new Set<number>();
  recorded.forEach((index, k) => {
    if (index >= timeline.length || (k > 0 && index <= recorded[k - 1]!)) {
      throw new ShareLinkError(
        `link.recorded[${k}]`,
        `expected ascending indexes of timeline entries (0 to ${timeline.length - 1})`,
      );
    }
    marked.add(index);
  });
  const script: TimedAction[] = [];
  const log: TimedAction[] = [];
  timeline.forEach((entry, i) => {
    if (marked.has(i)) log.push(entry);
    else if (log.length > 0 && log[log.length - 1]!.at === entry.at) {
      throw new ShareLinkError(
        'link.recorded',
        `timeline[${i}] is the script's but comes after a person's action at the same instant`,
      );
    } else script.push(entry);
  });
  return { script, log };
}

/** The session inside a link, through the one scenario validator (by-reference texts left blank). */
function readScenario(link: LinkContent): Scenario {
  const file: Record<string, unknown> = { ...link.scenario };
  if (link.ref !== undefined) {
    file['title'] = link.ref;
    file['summary'] = link.ref;
    // Each file version names its narration its own way.
    if (file['schemaVersion'] === 1) file['narration'] = [];
    else file['steps'] = [];
  }
  try {
    return parseScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ShareLinkError(`link.scenario.${e.path}`, e.detail);
    throw e;
  }
}

/** The built-in lesson a session is, by id, when its texts are the lesson's own. */
function builtinRef(file: ScenarioFileV2): string | undefined {
  const lesson = builtinScenario(file.id);
  const same =
    lesson !== undefined &&
    lesson.title === file.title &&
    lesson.summary === file.summary &&
    JSON.stringify(lesson.steps) === JSON.stringify(file.steps);
  return same ? file.id : undefined;
}

/** Runs bytes through a (de)compression stream, failing past `cap` output bytes. */
async function pipe(
  input: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
  cap: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = transform.writable.getWriter();
  const written = writer.write(input).then(() => writer.close());
  // Errors surface through the reader; this only keeps the write side from an unhandled rejection.
  written.catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel();
      throw new ShareLinkError('link', `unpacks to more than ${cap} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
