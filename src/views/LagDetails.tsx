import { useLab } from '../store/context';
import { CodePanel } from './CodePanel';
import { Counters } from './Counters';
import { DescribeTable } from './DescribeTable';
import { LagBars } from './LagBars';
import { LagHealthPanel } from './LagHealthPanel';
import { RebalancePanel } from './RebalancePanel';

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
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'bars'}
          onClick={() => setTab('bars')}
        >
          Partitions
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'describe'}
          onClick={() => setTab('describe')}
        >
          --describe
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'groups'}
          onClick={() => setTab('groups')}
          title="Rebalance cost and lag health, per group"
        >
          Groups
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'code'}
          onClick={() => setTab('code')}
        >
          Code
        </button>
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
