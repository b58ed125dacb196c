import type { Snapshot } from '../../model/index';

/**
 * Records in flight from their producer to their partition. A flight lasts
 * FLIGHT_MS of *simulated* time, so pause and speed apply to records already
 * in the air; each lands exactly on the partition and offset the model gave
 * it. The record itself is in the log from the moment it was appended: the
 * flight only shows where it went.
 */
export const FLIGHT_MS = 250;
/** Beyond this many, new records appear in their lane without a flight. */
export const MAX_FLIGHTS = 150;
/** The largest a flight is drawn (layout units a side). */
export const FLIGHT_MAX_SIZE = 14;

/** A flight's side: its lane's height, from 6 to FLIGHT_MAX_SIZE. */
export function flightSize(laneHeight: number): number {
  return Math.max(6, Math.min(FLIGHT_MAX_SIZE, laneHeight));
}

export interface Flight {
  readonly topic: string;
  readonly partition: number;
  /** laneKey(topic, partition), made once. */
  readonly lane: string;
  readonly offset: number;
  readonly key: string | null;
  readonly producerId: string | null;
  readonly bornAt: number;
}

export class FlightTracker {
  /** Log end offset last seen per lane: records past it are new. */
  private readonly ends = new Map<string, number>();
  flights: Flight[] = [];
  private lastTime = 0;

  update(s: Snapshot, animate: boolean): void {
    if (s.time < this.lastTime) this.reset();
    this.lastTime = s.time;
    this.flights = this.flights.filter((f) => s.time - f.bornAt < FLIGHT_MS);
    for (const topic of s.topics) {
      if (topic.role === 'dead-letter') continue;
      for (const p of topic.partitions) {
        const key = laneKey(topic.name, p.partition);
        const seen = this.ends.get(key);
        // Most lanes got nothing since the last frame: their records are not looked at.
        if (seen === p.logEndOffset) continue;
        this.ends.set(key, p.logEndOffset);
        if (seen === undefined || !animate) continue;
        // Records are consecutive offsets: the new ones start at `seen`.
        const records = p.records;
        for (let i = Math.max(0, seen - (records[0]?.offset ?? seen)); i < records.length; i++) {
          const r = records[i]!;
          if (r.offset < seen || r.producerId === null) continue;
          if (this.flights.length >= MAX_FLIGHTS || s.time - r.timestamp >= FLIGHT_MS) continue;
          this.flights.push({
            topic: topic.name,
            partition: p.partition,
            lane: key,
            offset: r.offset,
            key: r.key ?? r.entity,
            producerId: r.producerId,
            bornAt: r.timestamp,
          });
        }
      }
    }
  }

  isAirborne(topic: string, partition: number, offset: number): boolean {
    return this.flights.some(
      (f) => f.topic === topic && f.partition === partition && f.offset === offset,
    );
  }

  get active(): boolean {
    return this.flights.length > 0;
  }

  reset(): void {
    this.ends.clear();
    this.flights = [];
  }
}

export function laneKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
