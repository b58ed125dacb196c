import { scaleBand, scaleLinear } from 'd3-scale';
import { useLab } from '../store/context';
import { groupColor } from './colors';

/** Each partition's lag, per group, as bars. */
export function LagBars() {
  const groups = useLab((s) => s.panel.groups);
  const theme = useLab((s) => s.theme);
  const width = 420;
  const height = 120;
  const rows = groups.flatMap((g, gi) => g.partitions.map((p) => ({ g, gi, p })));
  const partitions = [...new Set(rows.map((r) => `${r.p.topic}/${r.p.partition}`))];
  const x = scaleBand<string>()
    .domain(partitions)
    .range([28, width - 6])
    .paddingInner(0.15);
  const inner = scaleBand<number>()
    .domain(groups.map((_, i) => i))
    .range([0, x.bandwidth()]);
  const max = Math.max(5, ...rows.map((r) => r.p.lag ?? 0));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - 22, 6]);
  const labelEvery = Math.ceil(partitions.length / 16);
  return (
    <figure className="lag-bars">
      <figcaption>Lag per partition</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Lag per partition and group"
        data-testid="lag-bars"
      >
        {rows.map(({ g, gi, p }) => {
          const key = `${p.topic}/${p.partition}`;
          const top = y(p.lag ?? 0);
          return (
            <rect
              key={`${g.groupId}-${key}`}
              x={(x(key) ?? 0) + (inner(gi) ?? 0)}
              y={top}
              width={Math.max(1, inner.bandwidth())}
              height={Math.max(0, height - 22 - top)}
              fill={groupColor(gi, theme)}
            >
              <title>{`${g.groupId} ${key}: lag ${p.lag ?? '-'}`}</title>
            </rect>
          );
        })}
        {partitions.map((key, i) =>
          i % labelEvery === 0 ? (
            <text
              key={key}
              x={(x(key) ?? 0) + x.bandwidth() / 2}
              y={height - 6}
              textAnchor="middle"
              className="bar-label"
            >
              {key.split('/')[1]}
            </text>
          ) : null,
        )}
        <text x={2} y={14} className="bar-label">
          {y.domain()[1]}
        </text>
      </svg>
    </figure>
  );
}
