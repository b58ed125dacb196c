/**
 * Records flying from producer to partition (pure), driven by the real model's
 * snapshots: a flight lands FLIGHT_MS of simulated time after the record was written.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/model/index';
import { FLIGHT_MS, FlightTracker, laneKey, MAX_FLIGHTS } from '../../src/views/stage/flights';

const TOPIC = 'user-events';

/** One producer, 4 records/s: its first record is written at 250 ms. */
function lab(ratePerSec = 4, partitions = 3): Simulation {
  return createSimulation({
    seed: 1,
    topics: [{ name: TOPIC, partitions }],
    producers: [{ id: 'producer-1', topic: TOPIC, ratePerSec }],
  });
}

function newest(sim: Simulation) {
  const all = sim
    .snapshot()
    .topics[0]!.partitions.flatMap((p) => p.records.map((r) => ({ partition: p.partition, ...r })));
  return all.sort((a, b) => b.timestamp - a.timestamp)[0]!;
}

describe('FlightTracker', () => {
  it('flies a new record and lands it FLIGHT_MS of simulated time later', () => {
    const sim = lab();
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toEqual([]);

    sim.advance(250);
    const record = newest(sim);
    expect(record.timestamp).toBe(250);
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toEqual([
      {
        topic: TOPIC,
        partition: record.partition,
        lane: laneKey(TOPIC, record.partition),
        offset: record.offset,
        key: record.key,
        producerId: 'producer-1',
        bornAt: 250,
      },
    ]);
    expect(tracker.isAirborne(TOPIC, record.partition, record.offset)).toBe(true);
    expect(tracker.active).toBe(true);

    sim.advance(FLIGHT_MS - 1);
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights.map((f) => f.bornAt)).toEqual([250]);
    expect(tracker.isAirborne(TOPIC, record.partition, record.offset)).toBe(true);

    sim.advance(1); // 500 ms: landed (and the next record takes off)
    tracker.update(sim.snapshot(), true);
    expect(tracker.isAirborne(TOPIC, record.partition, record.offset)).toBe(false);
    expect(tracker.flights.map((f) => f.bornAt)).toEqual([500]);

    sim.apply({ type: 'updateProducer', producerId: 'producer-1', changes: { ratePerSec: 0 } });
    sim.advance(FLIGHT_MS);
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toEqual([]);
    expect(tracker.active).toBe(false);
  });

  it('a paused clock keeps records in the air', () => {
    const sim = lab();
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot(), true);
    sim.advance(250);
    const snapshot = sim.snapshot();
    for (let i = 0; i < 10; i++) tracker.update(snapshot, true);
    expect(tracker.flights).toHaveLength(1);
  });

  it('flies nothing when animate is false, nor later for records already shown', () => {
    const sim = lab();
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot(), false);
    sim.advance(250);
    tracker.update(sim.snapshot(), false);
    expect(tracker.flights).toEqual([]);
    const record = newest(sim);
    expect(tracker.isAirborne(TOPIC, record.partition, record.offset)).toBe(false);

    sim.advance(10);
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toEqual([]);
  });

  it('never flies a one-off send (no producer) or a record too old to be in the air', () => {
    const sim = lab(0);
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot(), true);
    sim.apply({ type: 'produce', topic: TOPIC, key: '1' });
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toEqual([]);

    const late = lab();
    const t2 = new FlightTracker();
    t2.update(late.snapshot(), true);
    late.advance(250 + FLIGHT_MS); // the 250 ms record has landed before we look
    t2.update(late.snapshot(), true);
    expect(t2.flights.map((f) => f.bornAt)).toEqual([500]);
  });

  it(`caps the flights at MAX_FLIGHTS (${MAX_FLIGHTS})`, () => {
    const sim = lab(100_000, 64);
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot({ recordsPerPartition: 1000 }), true);
    sim.advance(100); // 10,000 records, all younger than FLIGHT_MS
    const snapshot = sim.snapshot({ recordsPerPartition: 1000 });
    expect(snapshot.totals.produced).toBeGreaterThan(MAX_FLIGHTS);
    tracker.update(snapshot, true);
    expect(tracker.flights).toHaveLength(MAX_FLIGHTS);
    sim.advance(10);
    tracker.update(sim.snapshot({ recordsPerPartition: 1000 }), true);
    expect(tracker.flights).toHaveLength(MAX_FLIGHTS);
  });

  it('starts over when time goes back (a reset)', () => {
    const sim = lab();
    const tracker = new FlightTracker();
    tracker.update(sim.snapshot(), true);
    sim.advance(250);
    tracker.update(sim.snapshot(), true);
    expect(tracker.flights).toHaveLength(1);

    const fresh = lab();
    tracker.update(fresh.snapshot(), true);
    expect(tracker.flights).toEqual([]);
    fresh.advance(250);
    tracker.update(fresh.snapshot(), true);
    expect(tracker.flights.map((f) => f.bornAt)).toEqual([250]);
  });
});
