import { linearScale } from './linear-scale';
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
  // One band per partition, one bar per group inside it.
  const left = 28;
  const band = (width - 6 - left) / Math.max(1, partitions.length);
  const barW = (band * 0.85) / Math.max(1, groups.length);
  const bandX = (i: number) => left + i * band;
  const max = Math.max(5, ...rows.map((r) => r.p.lag ?? 0));
  const y = linearScale([0, max], [height - 22, 6]).nice(4);
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
              x={bandX(partitions.indexOf(key)) + gi * barW}
              y={top}
              width={Math.max(1, barW)}
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
              x={bandX(i) + band / 2}
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
