import type { Tab } from '../session/index';
import { useLab } from '../store/context';
import { CodePanel } from './CodePanel';
import { Counters } from './Counters';
import { DescribeTable } from './DescribeTable';
import { LagBars } from './LagBars';
import { LagHealthPanel } from './LagHealthPanel';
import { RebalancePanel } from './RebalancePanel';

const TABS: readonly { id: Tab; label: string; title?: string }[] = [
  { id: 'bars', label: 'Partitions' },
  { id: 'describe', label: '--describe' },
  { id: 'groups', label: 'Groups', title: 'Rebalance cost and lag health, per group' },
  { id: 'code', label: 'Code' },
];

/**
 * Beside the lag chart: the counters, and tabs for the partitions' lag,
 * `--describe`, the groups and the code.
 */
export function LagDetails() {
  const tab = useLab((s) => s.tab);
  const setTab = useLab((s) => s.setTab);
  return (
    <>
      <Counters />
      <div className="tabs" role="tablist" aria-label="Lag details">
        {TABS.map(({ id, label, title }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            onClick={() => setTab(id)}
            title={title}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'bars' ? (
          <LagBars />
        ) : tab === 'describe' ? (
          <DescribeTable />
        ) : tab === 'groups' ? (
          <>
            <RebalancePanel />
            <LagHealthPanel />
          </>
        ) : (
          <CodePanel />
        )}
      </div>
    </>
  );
}
