/**
 * Handouts: the current view as a picture (PNG, or SVG with the lanes as an
 * embedded image and the lag chart as vector shapes) and the lag series as
 * CSV. Everything is made in the page from what is on screen; nothing is
 * sent anywhere.
 */
import type { LabState } from '../store/simulation-store';

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
];

/** The lag series of every group, one row per group and sample: RFC 4180 CSV. */
export function lagCsv(state: Pick<LabState, 'panel' | 'lagSeries'>): string {
  const groups = state.panel.groups.map((g) => ({
    id: g.groupId,
    data: state.lagSeries(g.groupId),
  }));
  const partitions = Math.max(0, ...groups.map((g) => g.data.partitionLag.length));
  const header = ['group', 'time_ms', 'total_lag', 'max_time_lag_ms'];
  for (let p = 0; p < partitions; p++) header.push(`partition_${p}_lag`);
  const rows = [header.join(',')];
  for (const { id, data } of groups) {
    data.times.forEach((t, k) => {
      const cells = [quote(id), String(t), cell(data.totalLag[k]), cell(data.maxTimeLagMs[k])];
      for (let p = 0; p < partitions; p++) cells.push(cell(data.partitionLag[p]?.[k]));
      rows.push(cells.join(','));
    });
  }
  return rows.join('\r\n') + '\r\n';
}

function cell(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : String(x);
}

function quote(text: string): string {
  // A leading = + - @ would make a spreadsheet read a group id as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The page's own background colour (set on <html>; a transparent one would vanish in a handout). */
function pageBackground(): string {
  for (const el of [document.body, document.documentElement]) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour && !/^(transparent|rgba\(.*,\s*0\))$/.test(colour)) return colour;
  }
  return '#ffffff';
}

interface Parts {
  readonly width: number;
  readonly stage: HTMLCanvasElement | null;
  readonly chart: SVGSVGElement | null;
  readonly background: string;
  readonly foreground: string;
}

function parts(root: ParentNode): Parts {
  const stage = root.querySelector<HTMLCanvasElement>('.stage canvas');
  const chart = root.querySelector<SVGSVGElement>('svg[data-testid="lag-chart"]');
  const background = pageBackground();
  const width = Math.max(stage?.clientWidth ?? 0, chart?.clientWidth ?? 0, 320);
  const foreground = getComputedStyle(document.documentElement).color || '#000000';
  return { width, stage, chart, background, foreground };
}

/** A copy of the chart with its CSS styles written onto each element (a file has no stylesheet). */
function standaloneChart(chart: SVGSVGElement): SVGSVGElement {
  const copy = chart.cloneNode(true) as SVGSVGElement;
  const from = [chart, ...chart.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i] as SVGElement;
    const inline = STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', inline);
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return copy;
}

/** Height of the chart's legend line (the page's legend is HTML, not part of the chart). */
const LEGEND_H = 24;

function size(p: Parts): { stageH: number; chartH: number; stageW: number } {
  const stageW = p.stage?.clientWidth ?? 0;
  const stageH = p.stage ? Math.round((p.stage.clientHeight * p.width) / Math.max(stageW, 1)) : 0;
  const chartH = p.chart ? p.chart.clientHeight + LEGEND_H : 0;
  return { stageH, chartH, stageW };
}

/** "Consumer lag over time — solid: offset lag, dashed: time lag (right axis)" as SVG. */
function legend(doc: Document, colour: string): SVGTextElement {
  const text = doc.createElementNS('http://www.w3.org/2000/svg', 'text');
  text.setAttribute('x', '8');
  text.setAttribute('y', String(LEGEND_H - 7));
  text.setAttribute('fill', colour);
  text.setAttribute('font-family', 'system-ui, sans-serif');
  text.setAttribute('font-size', '15');
  text.textContent =
    'Consumer lag over time · solid: offset lag (left axis) · dashed: time lag (right axis)';
  return text;
}

/** The lanes and the lag chart as one SVG document. */
export function viewSvg(root: ParentNode = document): string {
  const p = parts(root);
  const { stageH, chartH } = size(p);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  svg.setAttribute('width', String(p.width));
  svg.setAttribute('height', String(stageH + chartH));
  svg.setAttribute('viewBox', `0 0 ${p.width} ${stageH + chartH}`);
  const bg = document.createElementNS(svg.namespaceURI, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', p.background);
  svg.append(bg);
  if (p.stage) {
    const image = document.createElementNS(svg.namespaceURI, 'image');
    const png = p.stage.toDataURL('image/png');
    image.setAttribute('href', png);
    // Older editors read only the SVG 1.1 form.
    image.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', png);
    image.setAttribute('width', String(p.width));
    image.setAttribute('height', String(stageH));
    svg.append(image);
  }
  if (p.chart) {
    svg.append(positioned(legend(document, p.foreground), stageH));
    const g = document.createElementNS(svg.namespaceURI, 'g');
    g.setAttribute('transform', `translate(0,${stageH + LEGEND_H})`);
    g.append(standaloneChart(p.chart));
    svg.append(g);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

function positioned(el: SVGElement, y: number): SVGGElement {
  const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  g.setAttribute('transform', `translate(0,${y})`);
  g.append(el);
  return g;
}

/** The lanes and the lag chart as one PNG, at the screen's pixel density. */
export async function viewPng(root: ParentNode = document): Promise<Blob> {
  const p = parts(root);
  const { stageH, chartH } = size(p);
  const scale = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(p.width * scale);
  canvas.height = Math.round((stageH + chartH) * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, p.width, stageH + chartH);
  if (p.stage) ctx.drawImage(p.stage, 0, 0, p.width, stageH);
  if (p.chart) {
    const text = new XMLSerializer().serializeToString(standaloneChart(p.chart));
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      ctx.fillStyle = p.foreground;
      ctx.font = '15px system-ui, sans-serif';
      ctx.fillText(legend(document, p.foreground).textContent ?? '', 8, stageH + LEGEND_H - 7);
      ctx.drawImage(image, 0, stageH + LEGEND_H, p.chart.clientWidth, chartH - LEGEND_H);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
  );
}
