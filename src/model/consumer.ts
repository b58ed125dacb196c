import { isCopying } from './copy-graph';
import type { TopicPartition } from './assignors';
import { frozen, type ConsumerAppConfig } from './config';
import type { RecordColumns } from './partition-log';
import { reconcile } from './consumer-protocol';
import type { Group, GroupPartition } from './group';
import type { PauseClock } from './rebalance-cost';
import { TRACE, type Kernel } from './kernel';
import { rngStream, type Rng } from './rng';
import { TraceHash } from './trace';

/** A consumer application: its settings and its running instances. */
export class App {
  members: Member[] = [];
  /** Records this app's consumers processed (poison records excluded), over all its members ever. */
  processed = 0;
  private serial = 0;
  private settings!: ConsumerAppConfig;

  constructor(
    config: ConsumerAppConfig,
    readonly index: number,
  ) {
    this.config = config;
  }

  get config(): ConsumerAppConfig {
    return this.settings;
  }

  /** Kept frozen: snapshots share it (config.ts, frozen). */
  set config(config: ConsumerAppConfig) {
    this.settings = frozen(config);
  }

  /** Member ids are `${appId}-${n}`, never reused, so string order matters as in Kafka. */
  nextMemberId(): string {
    return `${this.config.id}-${++this.serial}`;
  }

  /** Instances that are running and have not been asked to leave (an evicted one rejoins). */
  get running(): Member[] {
    return this.members.filter((m) => m.status === 'live' || m.status === 'evicted');
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

/**
 * live, leaving (closing after its record), crashed (silent until its
 * session expires), away (a static member closed without LeaveGroup, waiting
 * out its session), evicted (the coordinator dropped it mid-record; it
 * finishes, fails to commit, and rejoins).
 */
export type MemberStatus = 'live' | 'leaving' | 'crashed' | 'away' | 'evicted';

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
export class Member implements PauseClock {
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
  /** KIP-848: the partitions the coordinator wants it to own, as last delivered to it. */
  target: GroupPartition[] = [];
  /** KIP-848: the coordinator's latest target for it, delivered at its next heartbeat. */
  nextTarget: GroupPartition[] = [];
  /** Time it consumed nothing because of membership (rebalances). */
  pausedMs = 0;
  pausedSince: number | null = null;
  /** Java: when poll() last returned records, and how many it has handed out since. */
  private lastPollAt: number;
  private polledRecords = 0;
  private idle = true;
  private released = false;
  /** Asked to close (stop, scale down, app removed): it does not rejoin after an eviction. */
  private closing = false;
  /** Java: records the current poll() returned (what was fetched, up to max.poll.records). */
  private pollBudget = 0;
  /** Java: the auto-commit interval passed while it was busy; it commits in its next poll(). */
  private autoCommitDue = false;
  /** kafkajs: when its loop last heartbeated. */
  private lastHeartbeatAt: number;
  private readonly workers: Worker[] = [];
  private busyCount = 0;
  /** Rejoined the current rebalance (eager: after revoking everything). */
  rejoined = false;
  /** Kept consuming into an eager rebalance (the rest of its poll): it stops when it rejoins. */
  pauseAtRejoin = false;
  /** Events hashed while its group consumed in batches (folded into the trace when it stops). */
  readonly batchTrace = new TraceHash();
  crashedAt: number | null = null;
  processed = 0;
  private cursor = 0;
  private readonly rng!: Rng;
  readonly commitSlot!: number;
  readonly sessionSlot!: number;
  private readonly pollSlot!: number;
  private readonly heartbeatSlot!: number;

  constructor(
    readonly id: string,
    readonly serial: number,
    readonly app: App,
    readonly group: Group,
    readonly joinedAt: number,
    /** group.instance.id of a static member; null for a dynamic one. */
    readonly instanceId: string | null,
    private readonly kernel: Kernel,
  ) {
    this.lastPollAt = joinedAt;
    this.lastHeartbeatAt = joinedAt;
    if (isCopying()) return;
    this.rng = rngStream(kernel.seed, `member:${id}:jitter`);
    const { scheduler } = kernel;
    const scope = group.index;
    this.commitSlot = scheduler.slot<Member>(this, 'autoCommit', undefined, scope);
    this.sessionSlot = scheduler.slot<Member>(this, 'sessionTimedOut', undefined, scope);
    this.pollSlot = scheduler.slot<Member>(this, 'pollTimedOut', undefined, scope);
    this.heartbeatSlot = scheduler.slot<Member>(this, 'onHeartbeat', undefined, scope);
    this.scheduleAutoCommit();
  }

  /** Whether the coordinator hears from it (heartbeats): not crashed, away or evicted. */
  get heard(): boolean {
    return this.status === 'live' || this.status === 'leaving';
  }

  /**
   * How long the coordinator waits without hearing from it: its session.timeout.ms, or with
   * KIP-848 the broker's group.consumer.session.timeout.ms (the client's is ignored, §7).
   */
  get sessionTimeoutMs(): number {
    return this.group.protocol === 'consumer'
      ? this.kernel.cluster.consumerSessionTimeoutMs
      : this.config.sessionTimeoutMs;
  }

  /** How long a classic rebalance waits for it to rejoin (kafka-semantics §7). */
  get rebalanceTimeoutMs(): number {
    const c = this.config;
    return c.client === 'java' ? c.maxPollIntervalMs : c.rebalanceTimeoutMs;
  }

  /** When a silent member's session expires, if one is running out. */
  get sessionExpiresAt(): number | null {
    const { scheduler } = this.kernel;
    return this.heard || !scheduler.isScheduled(this.sessionSlot)
      ? null
      : scheduler.dueAt(this.sessionSlot);
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

  /**
   * Whether it would take a record now: live, a worker free, and its group Stable (or not
   * eager; or, for Java, in a rebalance it has not rejoined yet while records of its last
   * poll() remain).
   */
  get canTake(): boolean {
    return (
      this.status === 'live' &&
      this.busyCount < this.config.partitionsConsumedConcurrently &&
      (this.group.state === 'Stable' ||
        this.group.protocol !== 'eager' ||
        (!this.rejoined && this.pollUnfinished))
    );
  }

  /** Java: records its last poll() returned that it has not started yet; null for kafkajs. */
  get pollRemaining(): number | null {
    if (this.config.client !== 'java') return null;
    return this.polledRecords > 0 ? this.pollBudget - this.polledRecords : 0;
  }

  /**
   * Java: records its last poll() returned are still to be taken. The app's loop goes through
   * them before it calls poll() again, and only poll() sends JoinGroup or commits
   * automatically (kafka-semantics §7; ConsumerRebalanceListener runs inside poll()).
   */
  get pollUnfinished(): boolean {
    return (this.pollRemaining ?? 0) > 0;
  }

  /**
   * Starts next records while a worker is free and a partition has one waiting; `batched`
   * (catchUp): at a past moment, seeing the log as it was then, with no timer.
   */
  pump(batched = false): void {
    while (this.canTake) {
      const gp = this.nextPartition(batched);
      if (gp === null) break;
      this.start(gp, batched ? Infinity : undefined);
    }
    if (this.busyCount === 0) this.waiting();
  }

  /**
   * Nothing in hand (no record waiting, or a rebalance under way): Java
   * blocks in poll(), kafkajs's loop heartbeats or takes part in the rebalance.
   */
  private waiting(): void {
    this.polledRecords = 0;
    this.idle = true;
    // Java waits inside poll(), which commits when the interval is due.
    if (this.autoCommitDue) this.commitDue(this.kernel.now);
  }

  /** The next owned partition, in turn, with a record waiting and none in hand. */
  private nextPartition(batched: boolean): GroupPartition | null {
    const owned = this.owned;
    const n = owned.length;
    // From the cursor round to it again (a wrap, not a modulo per step).
    let i = this.cursor < n ? this.cursor : n > 0 ? this.cursor % n : 0;
    for (let k = 0; k < n; k++, i = i + 1 === n ? 0 : i + 1) {
      const gp = owned[i]!;
      const log = gp.log;
      if (this.busyCount > 0 && this.isProcessing(gp)) continue;
      if (gp.position < log.logStartOffset) this.group.outOfRange(gp, this.config.fromBeginning);
      const end = batched ? gp.endAt(this.kernel.now, Infinity) : log.logEndOffset;
      if (gp.position < end) {
        this.cursor = i + 1 === n ? 0 : i + 1;
        return gp;
      }
    }
    return null;
  }

  private freeWorker(): Worker {
    for (const w of this.workers) if (!w.busy) return w;
    const worker = new Worker(this.owned[0]!);
    worker.slot = this.kernel.scheduler.slot<Member, Worker>(
      this,
      'finish',
      worker,
      this.group.index,
    );
    this.workers.push(worker);
    return worker;
  }

  /**
   * Takes `gp`'s next record now. `seen` (batched catch-up): the production sequence of the
   * newest record appended at this instant that it sees (Infinity: all of them); the record
   * then ends without a timer.
   */
  private start(gp: GroupPartition, seen?: number): void {
    const offset = gp.position;
    const kernel = this.kernel;
    const now = kernel.now;
    const config = this.config;
    const batched = seen !== undefined;
    if (config.commit.mode === 'before-processing')
      this.group.commit(gp, offset + 1, batched ? gp.endAt(now, seen) : undefined);
    const endsAt = now + this.duration();
    const worker = this.freeWorker();
    const record = worker.record;
    record.gp = gp;
    record.offset = offset;
    gp.log.read(offset, record);
    record.attempt = 1;
    record.startedAt = now;
    record.endsAt = endsAt;
    worker.busy = true;
    this.busyCount++;
    if (!batched) kernel.scheduler.schedule(worker.slot, endsAt);
    if (this.idle) {
      // While it waited for records, kafkajs's fetch loop kept heartbeating.
      this.lastHeartbeatAt = now;
      this.idle = false;
    }
    if (config.client === 'java') this.poll(now, seen);
    // A batched record cannot outlast a deadline (batchable).
    if (!batched) this.watchDeadlines(endsAt);
  }

  /**
   * Java hands out records from one poll() until max.poll.records are used;
   * the next record then needs a new poll, which restarts max.poll.interval.ms.
   */
  private poll(now: number, sequence?: number): void {
    if (this.polledRecords === 0 || this.polledRecords >= this.pollBudget) {
      if (this.autoCommitDue) this.commitDue(now);
      // poll() returns what is there to fetch, up to max.poll.records (kafka-semantics §7).
      let waiting = 0;
      for (const gp of this.owned) {
        if (gp.owner !== this) continue;
        const end = sequence === undefined ? gp.log.logEndOffset : gp.endAt(now, sequence);
        waiting += end - gp.position;
      }
      this.pollBudget = Math.max(1, Math.min(this.config.maxPollRecords, waiting));
      this.lastPollAt = now;
      this.polledRecords = 0;
    }
    this.polledRecords++;
  }

  /**
   * Arms the liveness timers only when a record in hand will outlast them
   * (kafka-semantics §7), so the common case costs no timer: Java's next poll
   * comes after its records, so a record ending past lastPoll +
   * max.poll.interval.ms times the poll out; kafkajs heartbeats only between
   * records, so one ending past lastHeartbeat + session.timeout.ms has the
   * coordinator expire the member.
   */
  private watchDeadlines(endsAt = -Infinity): void {
    const { scheduler } = this.kernel;
    const c = this.config;
    const java = c.client === 'java';
    const slot = java ? this.pollSlot : this.sessionSlot;
    const due = java
      ? this.lastPollAt + c.maxPollIntervalMs
      : this.lastHeartbeatAt + c.sessionTimeoutMs;
    // Deadlines only move later, so records already checked stay on time: the hot path is
    // one comparison for the record just started.
    if (endsAt <= due && !scheduler.isScheduled(slot)) return;
    let latest = -Infinity;
    for (const w of this.workers) if (w.busy) latest = Math.max(latest, w.record.endsAt);
    const deadline = Math.max(this.kernel.now, due);
    if (latest > deadline) scheduler.schedule(slot, deadline);
    else scheduler.cancel(slot);
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
        if (this.status === 'live') this.watchDeadlines(record.endsAt);
        return;
      }
      this.group.deadLetter(this, record, policy.topic);
    }
    this.complete(worker, false);
    this.afterRecord();
  }

  /** The worker's record is done (processed, committed after processing); `batched`: catchUp. */
  private complete(worker: Worker, batched: boolean): void {
    const record = worker.record;
    const now = this.kernel.now;
    worker.busy = false;
    this.busyCount--;
    this.processed++;
    if (!record.poison) this.app.processed++;
    this.group.processed(this, record);
    if (this.config.commit.mode === 'after-processing') {
      const gp = record.gp;
      // An evicted member's commit is refused: CommitFailedException (kafka-semantics §7).
      if (this.status === 'evicted') this.group.counters.failedCommits++;
      else this.group.commit(gp, record.offset + 1, batched ? gp.endAt(now, Infinity) : undefined);
    }
    if (
      this.config.client === 'kafkajs' &&
      now - this.lastHeartbeatAt >= this.config.heartbeatIntervalMs
    )
      this.lastHeartbeatAt = now;
  }

  private afterRecord(): void {
    const group = this.group;
    if (this.status === 'evicted') {
      if (this.busyCount === 0) this.rejoinAfterEviction();
      return;
    }
    if (this.status === 'live') this.watchDeadlines();
    if (this.status === 'leaving') {
      if (this.busyCount === 0) group.leave(this);
    } else if (group.state === 'PreparingRebalance' && !this.rejoined) {
      // Java goes on with what its last poll() returned; its next poll() sends JoinGroup.
      if (this.pollUnfinished) this.pump();
      if (!this.pollUnfinished || this.busyCount === 0) {
        // Eager members rejoin once nothing is in hand; cooperative ones at their next poll.
        if (this.busyCount === 0 || group.protocol !== 'eager') group.rejoin(this);
        this.pump();
      }
    } else if (group.protocol === 'consumer' && this.assigned.length > this.owned.length) {
      reconcile(group, this, false); // releases what it lost now that the record is done
    } else this.pump();
  }

  /**
   * The evicted process comes back as a new member. A static one the
   * coordinator still holds is taken over (same instance id) as it rejoins.
   */
  private rejoinAfterEviction(): void {
    const group = this.group;
    const held = group.members.includes(this);
    if (this.closing) {
      // It exits instead: a static member the coordinator still holds waits out its session.
      if (held) this.status = 'away';
      else group.retire(this);
      return;
    }
    if (!held) group.retire(this);
    this.kernel.rejoin(this);
  }

  // ---- batched consumption ------------------------------------------------------------
  //
  // Between the events that touch its group, a member whose records all go the plain way
  // (see batchable) is not driven by one timer per record: `catchUp` replays its records up
  // to a moment in one loop, with the clock set to each one's moment, as the timers would
  // have: the same draws, the same state, the same events (hashed in its own stream).

  /** Whether its records can be replayed in a batch until its group's next event. */
  batchable(): boolean {
    if (this.status === 'crashed') return true; // silent: nothing to replay
    if (this.status !== 'live' || this.autoCommitDue) return false;
    const c = this.config;
    if (c.partitionsConsumedConcurrently !== 1 || c.processingMs <= 0 || c.jitter <= 0)
      return false;
    // No liveness timer can fire on a plain record (watchDeadlines): a poll's records end
    // within max.poll.interval.ms; kafkajs heartbeats between records often enough.
    const longest = c.processingMs * (1 + c.jitter);
    if (
      c.client === 'java'
        ? c.maxPollRecords * longest >= c.maxPollIntervalMs
        : longest + c.heartbeatIntervalMs >= c.sessionTimeoutMs
    )
      return false;
    const { scheduler } = this.kernel;
    if (
      scheduler.isScheduled(this.pollSlot) ||
      scheduler.isScheduled(this.sessionSlot) ||
      scheduler.isScheduled(this.heartbeatSlot)
    )
      return false;
    for (const gp of this.owned) {
      const log = gp.log;
      if (gp.owner !== this || gp.position < log.logStartOffset) return false;
      if (log.lastPoison >= gp.position) return false; // a poison record is ahead (or in hand)
      // An idle member has nothing waiting (records wake it as they arrive).
      if (this.busyCount === 0 && gp.position < log.logEndOffset) return false;
    }
    return true;
  }

  /** Its group starts consuming in batches: the record in hand ends without a timer. */
  enterBatch(): void {
    for (const w of this.workers) if (w.busy) this.kernel.scheduler.cancel(w.slot);
  }

  /** Back to one timer per record; its batch's events join the trace. */
  leaveBatch(trace: TraceHash): void {
    for (const w of this.workers) {
      if (w.busy) this.kernel.scheduler.schedule(w.slot, w.record.endsAt);
    }
    trace.absorb(this.batchTrace);
  }

  /** When its record in hand ends (Infinity when it has none). */
  get nextFinishAt(): number {
    for (const w of this.workers) if (w.busy) return w.record.endsAt;
    return Infinity;
  }

  /** Replays its records until `until`: those that end by then end, the next ones start. */
  catchUp(until: number): void {
    if (this.status !== 'live') return;
    const kernel = this.kernel;
    const trace = kernel.trace;
    kernel.trace = this.batchTrace;
    for (;;) {
      if (this.busyCount > 0) {
        const worker = this.busyWorker();
        const endsAt = worker.record.endsAt;
        if (endsAt > until) break;
        kernel.now = endsAt;
        this.complete(worker, true);
        this.pump(true); // afterRecord's, for a live member of a Stable group
      } else {
        // Idle: the first record to arrive wakes it, as the append would have.
        const owned = this.owned;
        let first: GroupPartition | null = null;
        let firstIndex = -1;
        let at = Infinity;
        let sequence = Infinity; // read only to break a tie: records appended at one instant
        for (let i = 0; i < owned.length; i++) {
          const gp = owned[i]!;
          if (gp.position >= gp.log.logEndOffset) continue;
          const t = gp.timestampAt(gp.position);
          if (t > at) continue;
          if (t === at) {
            if (sequence === Infinity) sequence = first!.log.sequenceAt(first!.position);
            const q = gp.log.sequenceAt(gp.position);
            if (q > sequence) continue;
            sequence = q;
          } else sequence = Infinity;
          first = gp;
          firstIndex = i;
          at = t;
        }
        if (first === null || at > until) break;
        if (sequence === Infinity) sequence = first.log.sequenceAt(first.position);
        kernel.now = at;
        this.cursor = firstIndex + 1 === this.owned.length ? 0 : firstIndex + 1;
        this.start(first, sequence);
      }
    }
    kernel.trace = trace;
  }

  private busyWorker(): Worker {
    const workers = this.workers;
    for (let i = 0; ; i++) if (workers[i]!.busy) return workers[i]!;
  }

  /** Commits the positions of owned partitions (auto-commit, on revoke and on close). */
  commitPositions(): void {
    for (const gp of this.owned) if (gp.owner === this) this.group.commit(gp, gp.position);
  }

  /** Timer: the coordinator stopped hearing this member. */
  sessionTimedOut(): void {
    if (this.status === 'live' || this.status === 'leaving') {
      this.group.evict(this, 'session timed out in a slow handler');
    } else this.group.expire(this);
  }

  /** Timer (Java): no poll() within max.poll.interval.ms. */
  pollTimedOut(): void {
    if (this.status === 'live' || this.status === 'leaving')
      this.group.evict(this, 'exceeded max.poll.interval.ms');
  }

  /** KIP-848: the next heartbeat strictly after `now`, on this member's own beat. */
  nextHeartbeat(now: number): number {
    const beat = this.kernel.cluster.consumerHeartbeatIntervalMs;
    return this.joinedAt + (Math.floor((now - this.joinedAt) / beat) + 1) * beat;
  }

  /** KIP-848: a heartbeat at `at` (the earlier one wins). */
  heartbeatAt(at: number): void {
    const { scheduler } = this.kernel;
    if (!scheduler.isScheduled(this.heartbeatSlot) || scheduler.dueAt(this.heartbeatSlot) > at)
      scheduler.schedule(this.heartbeatSlot, at);
  }

  /** Timer: a KIP-848 heartbeat. */
  onHeartbeat(): void {
    reconcile(this.group, this, true);
  }

  /** A static member closed without LeaveGroup: its session runs out unless it comes back. */
  goAway(): void {
    this.status = 'away';
    const { scheduler } = this.kernel;
    scheduler.cancel(this.commitSlot);
    scheduler.cancel(this.pollSlot);
    scheduler.schedule(this.sessionSlot, this.kernel.now + this.sessionTimeoutMs);
  }

  /**
   * Dropped by the coordinator mid-record. A static Java member stops
   * heartbeating, so its session runs out from now unless it rejoins first.
   */
  evict(staticMember: boolean): void {
    this.status = 'evicted';
    const { scheduler } = this.kernel;
    scheduler.cancel(this.commitSlot);
    scheduler.cancel(this.pollSlot);
    scheduler.cancel(this.heartbeatSlot);
    if (staticMember) scheduler.schedule(this.sessionSlot, this.kernel.now + this.sessionTimeoutMs);
    else scheduler.cancel(this.sessionSlot);
  }

  /**
   * Timer: auto-commit interval. Java commits inside poll() (ConsumerCoordinator.poll:
   * maybeAutoCommitOffsetsAsync), so a member busy with what its last poll returned commits at
   * its next poll; one waiting in poll() commits now. kafkajs commits between messages.
   */
  autoCommit(now: number): void {
    if (!this.heard) return;
    if (this.config.client === 'java' && this.busy) {
      this.autoCommitDue = true;
      return;
    }
    this.commitDue(now);
  }

  /** Commits the positions (unless an eager rebalance has stopped the group) and rearms. */
  private commitDue(now: number): void {
    this.autoCommitDue = false;
    // A crashed, closed or evicted process commits nothing.
    if (!this.heard || this.config.commit.mode !== 'auto') return;
    if (this.group.state === 'Stable' || this.group.protocol !== 'eager') this.commitPositions();
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
    scheduler.cancel(this.pollSlot);
    scheduler.cancel(this.heartbeatSlot);
    // Java's heartbeat thread beat until the crash; kafkajs's loop last beat before its record.
    const now = this.kernel.now;
    const heardAt = this.config.client === 'kafkajs' && !this.idle ? this.lastHeartbeatAt : now;
    scheduler.schedule(this.sessionSlot, Math.max(now, heardAt + this.sessionTimeoutMs));
  }

  /** consumer.close(): finish the record in hand, then leave. */
  stop(): void {
    this.closing = true;
    // Already dropped by the coordinator: it just finishes its record and exits.
    if (this.status === 'evicted') return;
    this.status = 'leaving';
    if (this.busyCount === 0) this.group.leave(this);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const { scheduler } = this.kernel;
    for (const w of this.workers) scheduler.release(w.slot);
    scheduler.release(this.commitSlot);
    scheduler.release(this.sessionSlot);
    scheduler.release(this.pollSlot);
    scheduler.release(this.heartbeatSlot);
  }
}
