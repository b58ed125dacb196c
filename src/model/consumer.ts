import type { ConsumerAppConfig } from './config';
import type { RecordColumns } from './partition-log';
import type { Group, GroupPartition } from './group';
import { TRACE, type Kernel } from './kernel';
import { rngStream, type Rng } from './rng';

/** A consumer application: its settings and its running instances. */
export class App {
  members: Member[] = [];
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

/**
 * One consumer instance: a single-threaded loop that takes the next record
 * from its partitions in turn, processes it for `processingMs` (± seeded
 * jitter), and commits as its app's commit mode says (kafka-semantics §4).
 */
export class Member {
  status: MemberStatus = 'live';
  /** Partitions the group assigned, including topics this app does not subscribe to. */
  assigned: GroupPartition[] = [];
  /** Assigned partitions of subscribed topics: the ones it consumes. */
  owned: GroupPartition[] = [];
  inFlight: InFlight | null = null;
  private record: InFlight | null = null;
  /** Rejoined the current rebalance (eager: after revoking everything). */
  rejoined = false;
  crashedAt: number | null = null;
  processed = 0;
  private cursor = 0;
  private readonly rng: Rng;
  readonly processingSlot: number;
  readonly commitSlot: number;
  readonly sessionSlot: number;

  constructor(
    readonly id: string,
    readonly serial: number,
    readonly app: App,
    readonly group: Group,
    readonly joinedAt: number,
    private readonly kernel: Kernel,
  ) {
    this.rng = rngStream(kernel.seed, `member:${id}:jitter`);
    const { scheduler } = kernel;
    this.processingSlot = scheduler.slot(() => this.finish());
    this.commitSlot = scheduler.slot((now) => this.autoCommit(now));
    this.sessionSlot = scheduler.slot(() => this.group.expire(this));
    this.scheduleAutoCommit();
  }

  get config(): ConsumerAppConfig {
    return this.app.config;
  }

  /** Starts the next record if the member is free to (Stable group, live, idle). */
  pump(): void {
    if (this.status !== 'live' || this.inFlight !== null || this.group.state !== 'Stable') return;
    const owned = this.owned;
    const n = owned.length;
    for (let k = 0; k < n; k++) {
      const i = (this.cursor + k) % n;
      const gp = owned[i]!;
      const log = gp.log;
      if (gp.position < log.logStartOffset) this.group.outOfRange(gp, this.config.fromBeginning);
      if (gp.position < log.logEndOffset) {
        this.cursor = (i + 1) % n;
        this.start(gp);
        return;
      }
    }
  }

  private start(gp: GroupPartition): void {
    const log = gp.log;
    const offset = gp.position;
    const now = this.kernel.now;
    if (this.config.commit.mode === 'before-processing') this.group.commit(gp, offset + 1);
    const duration = this.duration();
    // One record object per member, reused: no allocation per record.
    const record = (this.record ??= {
      gp,
      offset: 0,
      entity: 0,
      keyed: false,
      sequence: 0,
      poison: false,
      value: undefined,
      attempt: 1,
      startedAt: 0,
      endsAt: 0,
    });
    record.gp = gp;
    record.offset = offset;
    log.read(offset, record);
    record.attempt = 1;
    record.startedAt = now;
    record.endsAt = now + duration;
    this.inFlight = record;
    this.kernel.scheduler.schedule(this.processingSlot, now + duration);
  }

  private duration(): number {
    const { processingMs, jitter } = this.config;
    return jitter > 0 ? processingMs * (1 + jitter * (2 * this.rng.next() - 1)) : processingMs;
  }

  /** The in-flight record's processing time is over. */
  private finish(): void {
    const record = this.inFlight!;
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
        this.kernel.scheduler.schedule(this.processingSlot, record.endsAt);
        return;
      }
      this.group.deadLetter(this, record, policy.topic);
    }
    this.inFlight = null;
    this.processed++;
    this.group.processed(this, record);
    if (this.config.commit.mode === 'after-processing')
      this.group.commit(record.gp, record.offset + 1);
    this.afterRecord();
  }

  private afterRecord(): void {
    if (this.status === 'leaving') this.group.leave(this);
    else if (this.group.state !== 'Stable') this.group.revoked(this);
    else this.pump();
  }

  /** Commits the positions of owned partitions (auto-commit, on revoke and on close). */
  commitPositions(): void {
    for (const gp of this.owned) if (gp.owner === this) this.group.commit(gp, gp.position);
  }

  private autoCommit(now: number): void {
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
    this.inFlight = null;
    scheduler.cancel(this.processingSlot);
    scheduler.cancel(this.commitSlot);
    scheduler.schedule(this.sessionSlot, this.kernel.now + this.config.sessionTimeoutMs);
  }

  /** consumer.close(): finish the record in hand, then leave. */
  stop(): void {
    this.status = 'leaving';
    if (this.inFlight === null) this.group.leave(this);
  }

  release(): void {
    const { scheduler } = this.kernel;
    scheduler.release(this.processingSlot);
    scheduler.release(this.commitSlot);
    scheduler.release(this.sessionSlot);
  }
}
