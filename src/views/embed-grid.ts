/**
 * How an embed lays out the panels under its lanes: as many columns as fit at
 * `minWidth` each (never more than there are panels), rows balanced so no row
 * is much emptier than the others, and at most MAX_PANEL_ROWS rows. Six
 * panels side by side in a 4:3 slide left the lag chart 20 px wide; in two
 * rows of three each shows something.
 */
export interface PanelGrid {
  readonly columns: number;
  readonly rows: number;
}

/** More rows would leave the lanes no room: below that width panels get narrower instead. */
export const MAX_PANEL_ROWS = 3;

export function panelGrid(count: number, width: number, minWidth: number, gap: number): PanelGrid {
  if (count <= 0) return { columns: 1, rows: 0 };
  const fit = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  const rows = Math.min(MAX_PANEL_ROWS, Math.ceil(count / Math.min(count, fit)));
  return { columns: Math.ceil(count / rows), rows };
}
