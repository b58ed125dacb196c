import { useState } from 'react';
import {
  isAssignorName,
  type Action,
  type AppSnapshot,
  type AssignorName,
  type ClientFlavour,
  type CommitMode,
} from '../../model/index';
import { useLab, useLabData } from '../../store/context';
import { formatSeconds } from '../format-seconds';
import { Select, Slider } from './Slider';

type CommitChoice = 'after-processing' | 'before-processing' | 'auto';

const COMMITS: readonly { value: CommitChoice; label: string }[] = [
  { value: 'after-processing', label: 'After processing (at-least-once)' },
  { value: 'before-processing', label: 'Before processing (at-most-once)' },
  { value: 'auto', label: 'Auto-commit every 5 s' },
];

function commitFor(choice: CommitChoice): CommitMode {
  return choice === 'auto' ? { mode: 'auto', intervalMs: 5000 } : { mode: choice };
}

const MAX_CONSUMERS = 32;

/** A timeout slider's value: tenths below 10 s, whole seconds above. */
const sliderSeconds = (ms: number) => formatSeconds(ms, ms < 10_000 ? 1 : 0);

/** Per application: consumers, processing time, commit mode; plus adding a group. */
export function GroupControls() {
  // Without the processed count, which changes at every refresh: the controls re-render
  // only when an application's settings or its members do.
  const apps = useLabData((panel) => panel.apps.map((a) => ({ ...a, processed: 0 })));
  const groups = useLabData((panel) =>
    panel.groups.map((g) => ({ groupId: g.groupId, assignor: g.assignor })),
  );
  const topic = useLabData((panel) => panel.topics.find((t) => t.role === 'topic')?.name);
  const dispatch = useLab((s) => s.dispatch);
  const [share, setShare] = useState('');
  const addGroup = () => {
    let n = apps.length + 1;
    while (apps.some((a) => a.id === `app-${n}`)) n++;
    const id = `app-${n}`;
    // The chosen group may have no apps left: its offsets live on, and a new app can join it.
    const shared = groups.find((g) => g.groupId === share);
    dispatch({
      type: 'addApp',
      app: {
        id,
        groupId: shared ? shared.groupId : id,
        topics: topic ? [topic] : [],
        assignor: shared && isAssignorName(shared.assignor) ? shared.assignor : 'range',
      },
    });
  };
  return (
    <>
      {apps.map((app) => (
        <AppControls key={app.id} app={app} />
      ))}
      <fieldset className="controls-section">
        <legend>Add an application</legend>
        <Select
          label="Its groupId"
          value={share}
          options={[
            { value: '', label: 'A new group (fan-out)' },
            ...groups.map((g) => ({
              value: g.groupId,
              label: `Reuse "${g.groupId}" (splits its messages)`,
            })),
          ]}
          onChange={setShare}
        />
        <button type="button" onClick={addGroup} disabled={!topic}>
          Add application
        </button>
      </fieldset>
    </>
  );
}

/** Assignors with their protocol (kafka-semantics §3): kafkajs speaks only the eager one. */
const ASSIGNOR_OPTIONS: readonly { value: AssignorName; label: string; kafkajs?: true }[] = [
  { value: 'range', label: 'range · eager (Java default)', kafkajs: true },
  { value: 'roundrobin', label: 'roundrobin · eager', kafkajs: true },
  { value: 'sticky', label: 'sticky · eager (fewest moves)', kafkajs: true },
  { value: 'cooperative-sticky', label: 'cooperative-sticky · cooperative' },
  { value: 'kafkajs-roundrobin', label: 'kafkajs round-robin · eager', kafkajs: true },
  { value: 'kip848-uniform', label: 'uniform · KIP-848 (Kafka 3.7+)' },
  { value: 'kip848-range', label: 'range · KIP-848 (Kafka 3.7+)' },
];

const CLIENT_OPTIONS: readonly { value: ClientFlavour; label: string }[] = [
  { value: 'java', label: 'Java (background heartbeat, max.poll.interval.ms)' },
  { value: 'kafkajs', label: 'kafkajs (heartbeats between messages)' },
];

function AppControls({ app }: { readonly app: AppSnapshot }) {
  const dispatch = useLab((s) => s.dispatch);
  // Its live members (not which of them is busy at this instant, which changes all the time).
  const live = useLabData((panel) =>
    (panel.groups.find((g) => g.groupId === app.groupId)?.members ?? [])
      .filter(
        (m) =>
          m.appId === app.id &&
          (m.status === 'processing' || m.status === 'idle' || m.status === 'rebalancing'),
      )
      .map((m) => ({ memberId: m.memberId })),
  );
  const update = (changes: Extract<Action, { type: 'updateApp' }>['changes']) =>
    dispatch({ type: 'updateApp', appId: app.id, changes });
  const java = app.client === 'java';
  const kip848 = app.assignor.startsWith('kip848');
  const assignors = java ? ASSIGNOR_OPTIONS : ASSIGNOR_OPTIONS.filter((o) => o.kafkajs);
  const shared = app.groupId !== app.id ? ` (group ${app.groupId})` : '';
  return (
    <fieldset className="controls-section">
      <legend>
        App {app.id}
        {shared}
      </legend>
      <Slider
        label={`Consumers in ${app.id}`}
        value={live.length}
        min={0}
        max={MAX_CONSUMERS}
        onChange={(v) => update({ instances: Math.round(v) })}
      />
      <Slider
        label={`Processing time in ${app.id}`}
        value={app.processingMs}
        min={1}
        max={5000}
        log
        format={(v) => `${v} ms/record`}
        onChange={(v) => update({ processingMs: v })}
      />
      <Slider
        label={`Side workers in ${app.id}`}
        value={app.partitionsConsumedConcurrently}
        min={1}
        max={16}
        format={(v) => (v === 1 ? '1 (none)' : `${v} partitions at once`)}
        hint="Partitions one consumer processes at once, one record per partition (kafkajs partitionsConsumedConcurrently)."
        onChange={(v) => update({ partitionsConsumedConcurrently: Math.round(v) })}
      />
      <Select
        label={`Commit in ${app.id}`}
        value={app.commit.mode}
        options={COMMITS}
        onChange={(c) => update({ commit: commitFor(c) })}
      />
      <Select
        label={`Assignor of group ${app.groupId}`}
        value={app.assignor}
        options={assignors}
        onChange={(assignor) => dispatch({ type: 'setAssignor', groupId: app.groupId, assignor })}
      />
      <Select
        label={`Client of ${app.id}`}
        value={app.client}
        options={CLIENT_OPTIONS}
        onChange={(client) =>
          update(
            client === 'kafkajs'
              ? { client, sessionTimeoutMs: 30_000, staticMembership: false }
              : { client, sessionTimeoutMs: 45_000 },
          )
        }
      />
      {kip848 ? (
        <p className="control-note">
          KIP-848: the broker sets the session timeout (group.consumer.session.timeout.ms); the
          client’s is ignored.
        </p>
      ) : (
        <Slider
          label={`Session timeout of ${app.id}`}
          value={app.sessionTimeoutMs}
          min={6000}
          max={120_000}
          log
          format={sliderSeconds}
          hint="session.timeout.ms: how long the coordinator waits without a heartbeat before it removes a member."
          onChange={(v) =>
            update({
              sessionTimeoutMs: Math.round(v),
              heartbeatIntervalMs: Math.min(3000, Math.round(v) / 3),
            })
          }
        />
      )}
      {java && (
        <Slider
          label={`max.poll.interval.ms of ${app.id}`}
          value={app.maxPollIntervalMs}
          min={1000}
          max={300_000}
          log
          format={sliderSeconds}
          hint={`Java leaves the group when ${app.maxPollRecords} records (max.poll.records) take longer than this between polls.`}
          onChange={(v) => update({ maxPollIntervalMs: Math.round(v) })}
        />
      )}
      {java && (
        <Slider
          label={`max.poll.records of ${app.id}`}
          value={app.maxPollRecords}
          min={1}
          max={1000}
          log
          format={(v) => `${Math.round(v)} a poll`}
          hint="Records one poll() returns at most. Java rejoins a rebalance and auto-commits only in poll(), so with a backlog the group waits until these are processed."
          onChange={(v) => update({ maxPollRecords: Math.round(v) })}
        />
      )}
      {java && (
        <label className="check">
          <input
            type="checkbox"
            checked={app.staticMembership}
            onChange={(e) => update({ staticMembership: e.target.checked })}
          />
          Static membership (group.instance.id) for new instances
        </label>
      )}
      <div className="button-row">
        <button
          type="button"
          disabled={live.length === 0}
          onClick={() => {
            // The newest, as scaling down does.
            const last = live.at(-1);
            if (last) dispatch({ type: 'stopConsumer', memberId: last.memberId });
          }}
        >
          Stop a consumer
        </button>
        <button
          type="button"
          disabled={live.length === 0}
          onClick={() => live[0] && dispatch({ type: 'crashConsumer', memberId: live[0].memberId })}
        >
          Crash a consumer
        </button>
        <button type="button" onClick={() => dispatch({ type: 'removeApp', appId: app.id })}>
          Remove app
        </button>
      </div>
    </fieldset>
  );
}
