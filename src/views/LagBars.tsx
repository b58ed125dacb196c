import { useEffect, useRef, useState } from 'react';
import { useLab } from '../store/context';
import { groupColor } from './colors';
import { linearScale } from './linear-scale';
import { rootFontPx } from './root-font';

const STEPS = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500, 512, 1000];

/** The smallest round label step at least `raw`. */
function roundStep(raw: number): number {
  return STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 1000) * 1000;
}

/** Each partition's lag, per group, as bars drawn at the panel's real size (text stays ≥ 14 px). */
export function LagBars() {
  const groups = useLab((s) => s.panel.groups);
  const theme = useLab((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const [{ width, height, rem }, setSize] = useState({ width: 320, height: 110, rem: 16 });
  /** The bar under the pointer, by group and partition (it stays itself as bars come and go). */
  const [hovered, setHovered] = useState<string | null>(null);
  useEffect(() => {
    const el = host.current!;
    const observer = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({
        width: Math.max(160, Math.floor(r.width)),
        height: Math.max(40, Math.floor(r.height)),
        // Labels are sized in rem, which grows with the screen and in presentation mode.
        rem: rootFontPx(),
      });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const rows = groups.flatMap((g, gi) => g.partitions.map((p) => ({ g, gi, p })));
  const partitions = [...new Set(rows.map((r) => `${r.p.topic}/${r.p.partition}`))];
  // Labels are 0.875rem: the margins grow with the root font (large screens, presentation).
  const fontPx = 0.875 * rem;
  /** A digit's width at that size, about. */
  const digitW = 0.62 * fontPx;
  const bottom = Math.ceil(fontPx * 1.5);
  const max = Math.max(5, ...rows.map((r) => r.p.lag ?? 0));
  // Room above the top bar for its label, centred on it.
  const y = linearScale([0, max], [height - bottom, Math.ceil(fontPx * 0.6) + 2]).nice(4);
  const yMax = y.domain()[1];
  // A short plot (a 16:9 slide) labels its top only: the zero label would print over it.
  const showZero = height - bottom - y(yMax) >= 1.6 * fontPx;
  // One band per partition, one bar per group inside it, right of the widest lag label.
  const left = Math.ceil(String(yMax).length * digitW + 12);
  const band = (width - 4 - left) / Math.max(1, partitions.length);
  const barW = (band * 0.85) / Math.max(1, groups.length);
  const bandX = (i: number) => left + i * band;
  // Partition numbers never touch: as many as fit at their widest, on a round step.
  const digits = String(Math.max(0, partitions.length - 1)).length;
  const labelW = digits * digitW + 0.8 * rem;
  const labelEvery = roundStep(
    partitions.length / Math.max(1, Math.floor((width - left) / labelW)),
  );
  const index = new Map(partitions.map((k, i) => [k, i]));
  // The bar under the pointer, read out in the caption (one text that changes, not a title per
  // bar: at 64 partitions and two groups those were 128 texts re-laid out four times a second).
  const barId = (r: (typeof rows)[number]) => `${r.g.groupId}\u0000${r.p.topic}/${r.p.partition}`;
  const pointed = hovered === null ? undefined : rows.find((r) => barId(r) === hovered);
  return (
    <figure className="lag-bars">
      <figcaption>
        Lag per partition
        {pointed ? (
          <span className="bar-readout" data-testid="lag-bar-readout">
            {` · ${pointed.g.groupId} ${pointed.p.topic}/${pointed.p.partition}: lag ${pointed.p.lag ?? '-'}`}
          </span>
        ) : null}
      </figcaption>
      <div className="plot" ref={host}>
        <svg
          width={width}
          height={height}
          role="img"
          aria-label="Lag per partition and group (the --describe tab lists every value)"
          data-testid="lag-bars"
          onPointerMove={(e) => {
            const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
            const i = Math.floor((x - left) / band);
            // Bars are barW apart (drawn at least 1 px wide).
            const gi = barW > 0 ? Math.floor((x - bandX(i)) / barW) : -1;
            const at =
              i >= 0 && i < partitions.length && gi >= 0 && gi < groups.length
                ? rows.find((r) => r.gi === gi && index.get(`${r.p.topic}/${r.p.partition}`) === i)
                : undefined;
            setHovered(at ? barId(at) : null);
          }}
          onPointerLeave={() => setHovered(null)}
        >
          {rows.map((row) => {
            const { g, gi, p } = row;
            const key = `${p.topic}/${p.partition}`;
            const top = y(p.lag ?? 0);
            return (
              <rect
                key={`${g.groupId}-${key}`}
                x={bandX(index.get(key) ?? 0) + gi * barW}
                y={top}
                width={Math.max(1, barW)}
                height={Math.max(0, height - bottom - top)}
                fill={groupColor(gi, theme)}
                className={hovered !== null && barId(row) === hovered ? 'pointed' : undefined}
              />
            );
          })}
          {partitions.map((key, i) =>
            i % labelEvery === 0 ? (
              <text
                key={key}
                x={bandX(i) + band / 2}
                y={height - Math.ceil(fontPx * 0.35)}
                textAnchor="middle"
                className="bar-label"
              >
                {key.split('/')[1]}
              </text>
            ) : null,
          )}
          <text x={left - 6} y={y(yMax)} dy="0.32em" textAnchor="end" className="bar-label">
            {yMax}
          </text>
          {showZero ? (
            <text x={left - 6} y={height - bottom} textAnchor="end" className="bar-label">
              0
            </text>
          ) : null}
        </svg>
      </div>
    </figure>
  );
}
