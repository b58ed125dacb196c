import { isCopying } from './copy-graph';
import type { TopicPartition } from './assignors';
import type { ConsumerAppConfig } from './config';
import type { RecordColumns } from './partition-log';
import type { Group, GroupPartition } from './group';
import { TRACE, type Kernel } from './kernel';
import { rngStream, type Rng } from './rng';

/** A consumer application: its settings and its running instances. */
export class App {
  members: Member[] = [];
  /** Records this app's consumers processed (poison records excluded), over all its members ever. */
  processed = 0;
  private serial = 0;

  constructor(
    public config: ConsumerAppConfig,
    readonly index: number,
  ) {}

  /** Member ids are `${appId}-${n}`, never reused, so string order matters as in Kafka. */
  nextMemberId(): string {
    return `${this.config.id}-${++this.serial}`;
  }

  /** Instances that are running and have not been asked to leave. */
  get running(): Member[] {
    return this.members.filter((m) => m.status === 'live');
  }
}

/** The record a member is working on; copied so retention cannot pull it away. */
export interface InFlight extends RecordColumns {
  gp: GroupPartition;
  offset: number;
  attempt: number;
  startedAt: number;
  endsAt: number;
}

export type MemberStatus = 'live' | 'leaving' | 'crashed';

/** The record a worker holds (a class: checkpoint copies keep its hidden class). */
class InFlightRecord implements InFlight {
  offset = 0;
  entity = 0;
  keyed = false;
  sequence = 0;
  poison = false;
  value: string | undefined = undefined;
  attempt = 1;
  startedAt = 0;
  endsAt = 0;
  constructor(public gp: GroupPartition) {}
}

/** One of a member's processing slots (kafkajs runs one per partition consumed concurrently). */
class Worker {
  slot = -1;
  busy = false;
  /** Reused for every record this worker takes: no allocation per record. */
  readonly record: InFlight;
  constructor(gp: GroupPartition) {
    this.record = new InFlightRecord(gp);
  }
}

/**
 * One consumer instance: a loop that takes the next record from its
 * partitions in turn, processes it for `processingMs` (± seeded jitter), and
 * commits as its app's commit mode says (kafka-semantics §4). With
 * `partitionsConsumedConcurrently` > 1 it works on that many partitions at
 * once, never on two records of one partition.
 */
export class Member {
  status: MemberStatus = 'live';
  /** Partitions the group assigned, including topics this app does not subscribe to. */
  assigned: GroupPartition[] = [];
  /** Assigned partitions of subscribed topics: the ones it consumes. */
  owned: GroupPartition[] = [];
  /**
   * The assignment it received last and in which generation: what it reports
   * when it rejoins (the sticky assignor's user data), even after revoking.
   */
  lastAssignment: TopicPartition[] = [];
  lastGeneration = -1;
  private readonly workers: Worker[] = [];
  private busyCount = 0;
  /** Rejoined the current rebalance (eager: after revoking everything). */
  rejoined = false;
  crashedAt: number | null = null;
  processed = 0;
  private cursor = 0;
  private readonly rng!: Rng;
  readonly commitSlot!: number;
  readonly sessionSlot!: number;

  constructor(
    readonly id: string,
    readonly serial: number,
    readonly app: App,
    readonly group: Group,
    readonly joinedAt: number,
    private readonly kernel: Kernel,
  ) {
    if (isCopying()) return;
    this.rng = rngStream(kernel.seed, `member:${id}:jitter`);
    const { scheduler } = kernel;
    this.commitSlot = scheduler.slot<Member>(this, 'autoCommit');
    this.sessionSlot = scheduler.slot<Member>(this, 'sessionTimedOut');
    this.scheduleAutoCommit();
  }

  get config(): ConsumerAppConfig {
    return this.app.config;
  }

  /** True while at least one record is being processed. */
  get busy(): boolean {
    return this.busyCount > 0;
  }

  /** The records in hand, oldest worker first. */
  get inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const w of this.workers) if (w.busy) out.push(w.record);
    return out;
  }

  /** Whether `gp` has a record in hand. */
  isProcessing(gp: GroupPartition, offset?: number): boolean {
    for (const w of this.workers) {
      if (w.busy && w.record.gp === gp && (offset === undefined || w.record.offset === offset))
        return true;
    }
    return false;
  }

  /** Whether it would take a record now (Stable group, live, a worker free). */
  get canTake(): boolean {
    return (
      this.status === 'live' &&
      this.busyCount < this.config.partitionsConsumedConcurrently &&
      this.group.state === 'Stable'
    );
  }

  /** Starts next records while a worker is free and a partition has one waiting. */
  pump(): void {
    while (this.canTake) {
      const gp = this.nextPartition();
      if (gp === null) return;
      this.start(gp);
    }
  }

  /** The next owned partition, in turn, with a record waiting and none in hand. */
  private nextPartition(): GroupPartition | null {
    const owned = this.owned;
    const n = owned.length;
    for (let k = 0; k < n; k++) {
      const i = (this.cursor + k) % n;
      const gp = owned[i]!;
      const log = gp.log;
      if (this.busyCount > 0 && this.isProcessing(gp)) continue;
      if (gp.position < log.logStartOffset) this.group.outOfRange(gp, this.config.fromBeginning);
      if (gp.position < log.logEndOffset) {
        this.cursor = (i + 1) % n;
        return gp;
      }
    }
    return null;
  }

  private freeWorker(): Worker {
    for (const w of this.workers) if (!w.busy) return w;
    const worker = new Worker(this.owned[0]!);
    worker.slot = this.kernel.scheduler.slot<Member, Worker>(this, 'finish', worker);
    this.workers.push(worker);
    return worker;
  }

  private start(gp: GroupPartition): void {
    const log = gp.log;
    const offset = gp.position;
    const now = this.kernel.now;
    if (this.config.commit.mode === 'before-processing') this.group.commit(gp, offset + 1);
    const duration = this.duration();
    const worker = this.freeWorker();
    const record = worker.record;
    record.gp = gp;
    record.offset = offset;
    log.read(offset, record);
    record.attempt = 1;
    record.startedAt = now;
    record.endsAt = now + duration;
    worker.busy = true;
    this.busyCount++;
    this.kernel.scheduler.schedule(worker.slot, now + duration);
  }

  private duration(): number {
    const { processingMs, jitter } = this.config;
    return jitter > 0 ? processingMs * (1 + jitter * (2 * this.rng.next() - 1)) : processingMs;
  }

  /** A worker's processing time is over. */
  /** Timer: the worker's record is done. */
  finish(_now: number, worker: Worker): void {
    const record = worker.record;
    const now = this.kernel.now;
    const { trace } = this.kernel;
    if (record.poison) {
      const policy = this.config.onFailure;
      if (policy.policy === 'retry-forever' || record.attempt <= policy.retries) {
        // The record failed; a consumer that retries blocks here, and so does its partition.
        record.attempt++;
        record.startedAt = now;
        record.endsAt = now + this.duration();
        trace.int(TRACE.retry);
        trace.int(record.gp.log.partition);
        trace.int(record.offset);
        this.kernel.scheduler.schedule(worker.slot, record.endsAt);
        return;
      }
      this.group.deadLetter(this, record, policy.topic);
    }
    worker.busy = false;
    this.busyCount--;
    this.processed++;
    if (!record.poison) this.app.processed++;
    this.group.processed(this, record);
    if (this.config.commit.mode === 'after-processing')
      this.group.commit(record.gp, record.offset + 1);
    this.afterRecord();
  }

  private afterRecord(): void {
    if (this.status === 'leaving') {
      if (this.busyCount === 0) this.group.leave(this);
    } else if (this.group.state !== 'Stable') {
      if (this.busyCount === 0) this.group.revoked(this);
    } else this.pump();
  }

  /** Commits the positions of owned partitions (auto-commit, on revoke and on close). */
  commitPositions(): void {
    for (const gp of this.owned) if (gp.owner === this) this.group.commit(gp, gp.position);
  }

  /** Timer: the coordinator stopped hearing this member. */
  sessionTimedOut(): void {
    this.group.expire(this);
  }

  /** Timer: auto-commit interval. */
  autoCommit(now: number): void {
    if (this.status === 'crashed') return;
    if (this.group.state === 'Stable') this.commitPositions();
    this.scheduleAutoCommit(now);
  }

  scheduleAutoCommit(now = this.kernel.now): void {
    const commit = this.config.commit;
    if (commit.mode === 'auto')
      this.kernel.scheduler.schedule(this.commitSlot, now + commit.intervalMs);
    else this.kernel.scheduler.cancel(this.commitSlot);
  }

  /** The process dies mid-record: nothing more is processed or committed. */
  crash(): void {
    const { scheduler } = this.kernel;
    this.status = 'crashed';
    this.crashedAt = this.kernel.now;
    for (const w of this.workers) {
      w.busy = false;
      scheduler.cancel(w.slot);
    }
    this.busyCount = 0;
    scheduler.cancel(this.commitSlot);
    scheduler.schedule(this.sessionSlot, this.kernel.now + this.config.sessionTimeoutMs);
  }

  /** consumer.close(): finish the record in hand, then leave. */
  stop(): void {
    this.status = 'leaving';
    if (this.busyCount === 0) this.group.leave(this);
  }

  release(): void {
    const { scheduler } = this.kernel;
    for (const w of this.workers) scheduler.release(w.slot);
    scheduler.release(this.commitSlot);
    scheduler.release(this.sessionSlot);
  }
}
