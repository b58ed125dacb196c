import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/model/index';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../src/scenarios/index';
import { decodeBase64url, encodeBase64url } from '../../src/session/base64url';
import {
  decodeShareLink,
  encodeShareLink,
  labScenario,
  LINK_FORMAT,
  LINK_VERSION,
  readContent,
  Session,
  ShareLinkError,
  type OpenedLink,
  type SharedView,
} from '../../src/session/index';
import fixtures from '../fixtures/share-links-v1.json';

/** What the page does with a link: the session played to its end, shown at its moment. */
function open(link: OpenedLink, batching = true): Session {
  const session = new Session(link.scenario, { log: link.log, engine: { batching } });
  session.goTo(link.end);
  session.seek(link.at);
  return session;
}

function viewOf(session: Session, tab: SharedView['tab'] = 'bars'): SharedView {
  const { file, recorded } = session.record()!;
  return { scenario: file, recorded, end: session.end, at: session.now, tab };
}

async function pack(content: unknown): Promise<string> {
  const stream = new Blob([JSON.stringify(content)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return `share=1.${encodeBase64url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

/** Decodes, expecting a ShareLinkError (never another kind of failure). */
async function refusal(fragment: string): Promise<ShareLinkError> {
  try {
    await decodeShareLink(fragment);
  } catch (e) {
    if (e instanceof ShareLinkError) return e;
    throw new Error(`expected a ShareLinkError, got ${String(e)}`, { cause: e });
  }
  throw new Error(`expected "${fragment.slice(0, 60)}…" to be refused`);
}

describe('share links: encode → decode reproduces the session bit for bit', () => {
  it('every built-in lesson, played through, round-trips to the same trace hash, moment and tab', async () => {
    for (const { id } of BUILTIN_SCENARIOS) {
      const session = new Session(builtinScenario(id)!);
      session.advance(session.scenario.durationMs / 2);
      session.seek(session.now / 3);
      const link = await encodeShareLink(viewOf(session, 'code'));
      const opened = await decodeShareLink(`#${link}`);
      expect(opened.at).toBe(session.now);
      expect(opened.tab).toBe('code');
      expect(opened.scenario.title).toBe(session.scenario.title);
      expect(opened.scenario.steps).toEqual(session.scenario.steps);
      const replay = open(opened);
      expect(replay.sim.traceHash(), id).toBe(session.sim.traceHash());
      expect(JSON.stringify(replay.sim.snapshot())).toBe(JSON.stringify(session.sim.snapshot()));
    }
  });

  it('a session with a person’s actions and a fork round-trips (the branch, not the discarded future)', async () => {
    const session = new Session(labScenario(defaultConfig()));
    session.advance(20_000);
    session.seek(8_000);
    session.apply({ type: 'addPartitions', topic: 'user-events', partitions: 4 });
    session.advance(5_000);
    session.apply({
      type: 'updateProducer',
      producerId: 'producer-1',
      changes: { ratePerSec: 30 },
    });
    session.advance(2_000);
    const opened = await decodeShareLink(await encodeShareLink(viewOf(session)));
    expect(opened.end).toBe(15_000);
    expect(open(opened).sim.traceHash()).toBe(session.sim.traceHash());
  });

  it('the sender’s actions stay a person’s: acting before them forks them away, the script stays', async () => {
    const sender = new Session(builtinScenario('adding-partitions-breaks-ordering')!);
    sender.goTo(10_000);
    sender.apply({ type: 'updateProducer', producerId: 'orders', changes: { ratePerSec: 40 } });
    sender.goTo(30_000);
    const opened = await decodeShareLink(await encodeShareLink(viewOf(sender)));
    expect(opened.log.map((e) => e.at)).toEqual([10_000]);
    expect(opened.scenario.timeline.map((e) => e.at)).toEqual([20_000]);
    const receiver = open(opened);
    expect(receiver.sim.traceHash()).toBe(sender.sim.traceHash());
    receiver.seek(5_000);
    receiver.apply({ type: 'updateProducer', producerId: 'orders', changes: { ratePerSec: 10 } });
    const timeline = receiver.save()!.timeline.map((e) => e.at);
    // The sender's 10 s change is gone with the old future; the lesson's 20 s step remains.
    expect(timeline).toEqual([5_000, 20_000]);
  });

  it('recorded indexes that do not ascend, point nowhere or put the script after a person are refused', () => {
    const sender = new Session(builtinScenario('adding-partitions-breaks-ordering')!);
    sender.goTo(20_000);
    sender.apply({ type: 'updateProducer', producerId: 'orders', changes: { ratePerSec: 40 } });
    const { file } = sender.record()!;
    const base = { v: 1, scenario: file, end: 20_000, at: 0, tab: 'bars' };
    expect(file.timeline.map((e) => e.at)).toEqual([20_000, 20_000]);
    expect(() => readContent({ ...base, recorded: [1, 1] })).toThrow(/^link\.recorded\[1\]: /);
    expect(() => readContent({ ...base, recorded: [5] })).toThrow(/^link\.recorded\[0\]: /);
    expect(() => readContent({ ...base, recorded: [0] })).toThrow(
      /^link\.recorded: timeline\[1\] is the script's/,
    );
    expect(readContent({ ...base, recorded: [1] }).log).toHaveLength(1);
  });

  it('a built-in lesson travels by reference (its narration is not in the link); an edited one whole', async () => {
    const lesson = new Session(builtinScenario('lag-grows')!);
    lesson.advance(5_000);
    const byRef = await encodeShareLink(viewOf(lesson));
    const edited = { ...viewOf(lesson), scenario: { ...lesson.save()!, title: 'My own take' } };
    const whole = await encodeShareLink(edited);
    expect(whole.length).toBeGreaterThan(byRef.length + 100);
    expect((await decodeShareLink(whole)).scenario.title).toBe('My own take');
  });

  it('typical sessions fit in 2,000 characters with room to spare', async () => {
    for (const { id } of BUILTIN_SCENARIOS) {
      const session = new Session(builtinScenario(id)!);
      session.advance(session.scenario.durationMs);
      const link = await encodeShareLink(viewOf(session));
      expect(link.length, id).toBeLessThan(1000);
    }
  });

  it('base64url round-trips any bytes and names the first bad character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeBase64url(text)).toEqual(bytes);
      }),
    );
    expect(decodeBase64url('abc$def')).toEqual({ badIndex: 3 });
  });
});

describe('old links keep working', () => {
  it.each(fixtures)('$name', async (fixture) => {
    const opened = await decodeShareLink(`#${fixture.link}`);
    expect(opened.at).toBe(fixture.at);
    expect(opened.end).toBe(fixture.end);
    expect(opened.tab).toBe(fixture.tab);
    // The fingerprint of the run event by event (one timer per record), as when it was made;
    // batched consumption shows the same run (test/model/batching.test.ts), hashed otherwise.
    const byTimers = open(opened, false).sim;
    expect(byTimers.traceHash()).toBe(fixture.traceHash);
    const batched = open(opened).sim;
    expect(JSON.stringify(batched.snapshot())).toBe(JSON.stringify(byTimers.snapshot()));
    expect(batched.traceLength()).toBe(byTimers.traceLength());
  });

  it('the fixtures are of the format and content versions this reads', () => {
    for (const f of fixtures) expect(f.link.startsWith(`share=${LINK_FORMAT}.`)).toBe(true);
    expect(LINK_VERSION).toBeGreaterThanOrEqual(1);
  });
});

describe('bad links: a clear message, nothing else happens', () => {
  it('names what is wrong for damaged, truncated, future and hostile links', async () => {
    const good = await encodeShareLink(viewOf(new Session(builtinScenario('lag-grows')!)));
    const cases: [string, RegExp][] = [
      ['', /expected "#share=<format>\.<data>"/],
      ['share=1.', /damaged or cut short/],
      [good.slice(0, good.length - 12), /damaged or cut short/],
      [good.replace('share=1.', 'share=1.!'), /character 1 of the data is not base64url/],
      [good.replace('share=1.', 'share=2.'), /newer Partition Lab \(link format 2/],
      [await pack({ v: 2, scenario: {}, end: 0, at: 0, tab: 'bars' }), /link\.v: .*newer/],
      [await pack([1, 2, 3]), /expected an object inside/],
      [await pack({ v: 1, scenario: {}, end: 0, at: 0, tab: 'x' }), /^link\.tab: /],
      [await pack({ v: 1, scenario: {}, end: -1, at: 0, tab: 'bars' }), /^link\.end: /],
      [await pack({ v: 1, scenario: {}, end: 0, at: 0, tab: 'bars' }), /^link\.scenario\./],
      [
        await pack({ v: 1, ref: 'lag-grows', scenario: {}, end: 0, at: 0, tab: 'bars', run: 1 }),
        /link.*run/,
      ],
      [`share=1.${'A'.repeat(200_001)}`, /at most 200000/],
    ];
    for (const [fragment, message] of cases) {
      expect((await refusal(fragment)).message, fragment.slice(0, 40)).toMatch(message);
    }
  });

  it('refuses a link that unpacks past the size cap (a compression bomb)', async () => {
    const bomb = await pack({ v: 1, pad: 'x'.repeat(2_000_000) });
    expect(bomb.length).toBeLessThan(10_000);
    expect((await refusal(bomb)).message).toMatch(/unpacks to more than 1000000 bytes/);
  });

  it('a moment after the end, or an end after the session, is refused', () => {
    const scenario = viewOf(new Session(builtinScenario('lag-grows')!)).scenario;
    expect(() => readContent({ v: 1, scenario, end: 100, at: 200, tab: 'bars' })).toThrow(
      /link\.at: is after the end/,
    );
    expect(() =>
      readContent({ v: 1, scenario, end: scenario.durationMs + 1, at: 0, tab: 'bars' }),
    ).toThrow(/link\.end: is after the session ends/);
  });

  it('a tiny link that would take minutes of simulation to open is refused before any', async () => {
    const flood = {
      ...viewOf(new Session(labScenario(defaultConfig()))).scenario,
      durationMs: 86_400_000,
      config: {
        topics: [{ name: 't', partitions: 4 }],
        producers: [{ id: 'p', topic: 't', ratePerSec: 100_000 }],
        apps: [],
      },
    };
    const link = await encodeShareLink({ scenario: flood, end: 86_400_000, at: 0, tab: 'bars' });
    expect(link.length).toBeLessThan(400);
    const started = performance.now();
    expect((await refusal(link)).message).toMatch(
      /^link\.end: opening it would simulate up to 8,640,000,000 records; at most 10,000,000/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a lesson by reference carrying an older file version opens with the lesson’s texts', () => {
    const lesson = builtinScenario('same-key-same-partition')!;
    const { seed, ...config } = lesson.config;
    void seed;
    const v1 = {
      schemaVersion: 1,
      id: lesson.id,
      seed: lesson.seed,
      config,
      durationMs: lesson.durationMs,
      timeline: lesson.timeline,
    };
    const opened = readContent({ v: 1, ref: lesson.id, scenario: v1, end: 0, at: 0, tab: 'bars' });
    expect(opened.scenario.title).toBe(lesson.title);
    expect(opened.scenario.steps).toEqual(lesson.steps);
  });

  it('the session inside must be a plain object whose every key the validator sees', () => {
    const base = { v: 1, end: 0, at: 0, tab: 'bars' };
    expect(() => readContent({ ...base, scenario: [] })).toThrow(
      /^link\.scenario: expected an object/,
    );
    const saved = viewOf(new Session(labScenario(defaultConfig()))).scenario;
    const sneaky = JSON.parse(JSON.stringify({ ...saved, constructor: 1 })) as unknown;
    expect(() => readContent({ ...base, scenario: sneaky })).toThrow(/constructor/);
  });

  it('texts are data: HTML and prototype keys in a link stay inert strings', async () => {
    const session = new Session(labScenario(defaultConfig()));
    const saved = session.save()!;
    const hostile = {
      ...saved,
      title: '<img src=x onerror="alert(1)">',
      summary: '<script>alert(1)</script>',
    };
    const opened = await decodeShareLink(
      await encodeShareLink({ scenario: hostile, end: 0, at: 0, tab: 'bars' }),
    );
    expect(opened.scenario.title).toBe('<img src=x onerror="alert(1)">');
    const proto = JSON.parse('{"v":1,"__proto__":{"polluted":1},"scenario":{},"end":0,"at":0}');
    expect(() => readContent(proto)).toThrow(ShareLinkError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('fuzz: random data, truncations and bit flips never crash; each is refused with a message or opens validly', async () => {
    const session = new Session(builtinScenario('adding-partitions-breaks-ordering')!);
    session.advance(25_000);
    const good = await encodeShareLink(viewOf(session));
    const payload = good.slice('share=1.'.length);
    const bytes = decodeBase64url(payload) as Uint8Array;
    const outcome = async (fragment: string) => {
      try {
        const opened = await decodeShareLink(fragment);
        // Whatever still decodes is a valid scenario that plays.
        open(opened);
        return 'opened';
      } catch (e) {
        expect(e).toBeInstanceOf(ShareLinkError);
        expect((e as ShareLinkError).message).toMatch(/^link(\.|:)/);
        return 'refused';
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => `share=1.${encodeBase64url(b)}`),
          fc.nat({ max: payload.length - 1 }).map((n) => `share=1.${payload.slice(0, n)}`),
          fc
            .record({ i: fc.nat({ max: bytes.length - 1 }), bit: fc.nat({ max: 7 }) })
            .map(({ i, bit }) => {
              const flipped = bytes.slice();
              flipped[i] = flipped[i]! ^ (1 << bit);
              return `share=1.${encodeBase64url(flipped)}`;
            }),
          fc.string({ maxLength: 200 }).map((s) => `share=${s}`),
        ),
        async (fragment) => {
          await outcome(fragment);
        },
      ),
      { numRuns: 300 },
    );
  });
});
