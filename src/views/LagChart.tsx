import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import { fittingTicks, linearScale } from './linear-scale';
import { select } from 'd3-selection';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LagSeriesSnapshot, Snapshot } from '../model/index';
import { useLab } from '../store/context';
import { groupColor } from './colors';
import { rootFontPx } from './root-font';

/** Margins at a 16 px root font; they grow with it (large screens, presentation mode). */
const MARGIN = { top: 12, right: 58, bottom: 30, left: 58 };
/** Per-partition lines only while they stay readable. */
const MAX_PARTITION_LINES = 12;

interface Band {
  readonly groupId: string;
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

/** Rebalances shade the chart: what stop-the-world costs shows as lag rising inside the band. */
function rebalanceBands(panel: Snapshot): Band[] {
  return panel.groups.flatMap((g, index) => [
    ...g.rebalances.map((r) => ({ groupId: g.groupId, index, from: r.startedAt, to: r.endedAt })),
    ...(g.rebalance
      ? [{ groupId: g.groupId, index, from: g.rebalance.startedAt, to: panel.time }]
      : []),
  ]);
}

interface Series {
  readonly groupId: string;
  readonly index: number;
  readonly data: LagSeriesSnapshot;
}

/**
 * Lag over time, per group: total offset lag (solid, left axis), each
 * partition's lag (thin) and the worst time lag (dashed, right axis, seconds).
 */
export function LagChart() {
  // Selected as strings, so the chart re-renders (and redraws its axes) only when a group took
  // a new sample or a rebalance band changed, not at every panel refresh.
  const version = useLab((s) => s.panel.groups.map((g) => `${g.groupId}:${g.samples}`).join('|'));
  const bandsKey = useLab((s) => JSON.stringify(rebalanceBands(s.panel)));
  const bands = useMemo(() => JSON.parse(bandsKey) as Band[], [bandsKey]);
  const lagSeries = useLab((s) => s.lagSeries);
  const theme = useLab((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const [{ width, height, rem }, setSize] = useState({ width: 480, height: 180, rem: 16 });

  useEffect(() => {
    const el = host.current!;
    const observer = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({
        width: Math.max(160, Math.floor(r.width)),
        height: Math.max(70, Math.floor(r.height)),
        // Axis labels are sized in rem, which grows with the screen and in presentation mode.
        rem: rootFontPx(),
      });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const series: Series[] = useMemo(
    () =>
      version
        .split('|')
        .filter(Boolean)
        .map((v, index) => {
          const groupId = v.slice(0, v.lastIndexOf(':'));
          return { groupId, index, data: lagSeries(groupId) };
        }),
    [version, lagSeries],
  );

  const em = rem / 16;
  const margin = {
    top: Math.round(MARGIN.top * em),
    right: Math.round(MARGIN.right * em),
    bottom: Math.round(MARGIN.bottom * em),
    left: Math.round(MARGIN.left * em),
  };
  const innerW = Math.max(20, width - margin.left - margin.right);
  const innerH = Math.max(20, height - margin.top - margin.bottom);
  // Labels are 0.875rem: neighbours at least a line and a half apart, time labels a word apart.
  const fontPx = 0.875 * rem;
  const times = series[0]?.data.times ?? [];
  const t0 = times[0] ?? 0;
  const t1 = Math.max(t0 + 1000, times.at(-1) ?? 1000);
  const maxLag = Math.max(5, ...series.flatMap((s) => s.data.totalLag.map((v) => v ?? 0)));
  const maxTime = Math.max(1000, ...series.flatMap((s) => s.data.maxTimeLagMs.map((v) => v ?? 0)));
  const x = linearScale([t0 / 1000, t1 / 1000], [0, innerW]);
  const y = linearScale([0, maxLag], [innerH, 0]).nice(5);
  const yTime = linearScale([0, maxTime / 1000], [innerH, 0]).nice(5);

  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const yTimeAxis = useRef<SVGGElement>(null);
  useEffect(() => {
    select(xAxis.current!)
      .call(
        axisBottom(x)
          .tickValues(fittingTicks(x, innerW, 5.5 * fontPx, 12))
          .tickFormat((d) => `${d}s`),
      )
      // Labels at the corners run inward, clear of the two y axes' labels.
      .selectAll<SVGTextElement, number>('.tick text')
      .attr('text-anchor', (d) => (x(d) < 12 ? 'start' : x(d) > innerW - 12 ? 'end' : 'middle'));
    select(yAxis.current!).call(axisLeft(y).tickValues(fittingTicks(y, innerH, 1.5 * fontPx, 5)));
    select(yTimeAxis.current!).call(
      axisRight(yTime)
        .tickValues(fittingTicks(yTime, innerH, 1.5 * fontPx, 5))
        .tickFormat((d) => `${d}s`),
    );
  });

  /** SVG path of a series, with gaps where it has no value (no committed offset). */
  const path = (values: readonly (number | null)[], scale: (v: number) => number) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x((times[i] ?? 0) / 1000).toFixed(1)},${scale(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };

  return (
    // Named here too: a short panel shows the caption in part, or not at all (styles.css).
    <figure className="lag-chart" aria-label="Consumer lag over time">
      <figcaption>
        <span className="chart-title">Consumer lag over time</span>{' '}
        <span className="legend-solid">offset lag</span>{' '}
        <span className="legend-dashed">
          time lag <span className="legend-note">(right axis)</span>
        </span>
        {bands.length > 0 && (
          <>
            {' '}
            <span className="legend-band">rebalancing</span>
          </>
        )}
      </figcaption>
      <div className="plot" ref={host}>
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={describe(series)}
          data-testid="lag-chart"
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            <g ref={xAxis} transform={`translate(0,${innerH})`} className="axis" />
            <g ref={yAxis} className="axis" />
            <g ref={yTimeAxis} transform={`translate(${innerW},0)`} className="axis" />
            {bands.map((b) => {
              const from = Math.max(b.from, t0);
              const to = Math.min(b.to, t1);
              if (to <= from) return null;
              return (
                <rect
                  key={`${b.groupId}-${b.from}`}
                  className="rebalance-band"
                  data-testid="rebalance-band"
                  x={x(from / 1000)}
                  width={Math.max(2, x(to / 1000) - x(from / 1000))}
                  y={0}
                  height={innerH}
                  fill={groupColor(b.index, theme)}
                  fillOpacity={0.14}
                >
                  <title>{`${b.groupId} rebalancing ${(b.from / 1000).toFixed(1)}–${(b.to / 1000).toFixed(1)} s`}</title>
                </rect>
              );
            })}
            {series.map((s) => {
              const color = groupColor(s.index, theme);
              const perPartition =
                s.data.partitionLag.length <= MAX_PARTITION_LINES ? s.data.partitionLag : [];
              return (
                <g key={s.groupId}>
                  {perPartition.map((values, p) => (
                    <path
                      key={p}
                      d={path(values, y)}
                      fill="none"
                      stroke={color}
                      strokeOpacity={0.35}
                      strokeWidth={1.25}
                    />
                  ))}
                  <path
                    d={path(s.data.totalLag, y)}
                    fill="none"
                    stroke={color}
                    strokeWidth={3}
                    data-testid={`total-lag-${s.groupId}`}
                  />
                  <path
                    d={path(
                      s.data.maxTimeLagMs.map((v) => (v === null ? null : v / 1000)),
                      yTime,
                    )}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                    strokeDasharray="6 4"
                  />
                </g>
              );
            })}
          </g>
        </svg>
      </div>
    </figure>
  );
}

function describe(series: readonly Series[]): string {
  return series
    .map((s) => `group ${s.groupId}: total lag ${s.data.totalLag.at(-1) ?? 'unknown'}`)
    .join('; ');
}
