/** How far the thumb canvas reaches past each end of the track (CSS px): half the thumb and its ring. */
export const THUMB_OVERHANG_PX = 4;

interface Surface {
  readonly canvas: HTMLCanvasElement;
  width: number;
  height: number;
}

/**
 * The timeline's played bar and thumb, drawn on two small canvases. They move
 * every frame while the lab plays; a canvas redraw reaches the screen without
 * the page's style, paint and layerize steps, which a moved element costs the
 * whole page every frame (over 1 ms a frame on a slow laptop). The markers
 * stay elements between the two: over the played bar, under the thumb.
 */
export class TrackPainter {
  private readonly played: Surface;
  private readonly thumb: Surface;
  private dpr = 1;
  private colors: { fg: string; panel: string; accent: string } | null = null;
  private shown = '';
  private at = 0;
  private to = 0;

  constructor(played: HTMLCanvasElement, thumb: HTMLCanvasElement) {
    this.played = { canvas: played, width: 0, height: 0 };
    this.thumb = { canvas: thumb, width: 0, height: 0 };
  }

  /** A canvas's box changed (CSS pixels): it is sized for the screen and redrawn. */
  resize(canvas: Element, width: number, height: number, dpr: number): void {
    const surface = canvas === this.played.canvas ? this.played : this.thumb;
    surface.width = width;
    surface.height = height;
    surface.canvas.width = Math.max(1, Math.round(width * dpr));
    surface.canvas.height = Math.max(1, Math.round(height * dpr));
    this.dpr = dpr;
    this.shown = '';
    this.draw(this.at, this.to);
  }

  /** The theme changed: colours are read again from the page's custom properties. */
  restyle(): void {
    this.colors = null;
    this.shown = '';
    this.draw(this.at, this.to);
  }

  /** Draws the thumb at `at` and the played bar to `to` (fractions of the track), in whole device pixels. */
  draw(at: number, to: number): void {
    this.at = at;
    this.to = to;
    const { played, thumb, dpr } = this;
    const track = played.width;
    if (track === 0 || thumb.width === 0) return;
    const px = (f: number) => Math.round(f * track * dpr) / dpr;
    const key = `${px(at)} ${px(to)}`;
    if (key === this.shown) return;
    const pc = played.canvas.getContext('2d');
    const tc = thumb.canvas.getContext('2d');
    if (!pc || !tc) return;
    this.shown = key;
    const colors = (this.colors ??= this.readColors());
    pc.setTransform(dpr, 0, 0, dpr, 0, 0);
    pc.clearRect(0, 0, played.width, played.height);
    pc.globalAlpha = 0.22;
    pc.fillStyle = colors.accent;
    pc.beginPath();
    pc.roundRect(0, 0, px(to), played.height, Math.min(played.height / 2, 5));
    pc.fill();
    // The thumb: 4 px wide, a little taller than the track, ringed in the panel colour.
    tc.setTransform(dpr, 0, 0, dpr, 0, 0);
    tc.clearRect(0, 0, thumb.width, thumb.height);
    const x = THUMB_OVERHANG_PX + px(at);
    tc.fillStyle = colors.panel;
    tc.beginPath();
    tc.roundRect(x - 4, 0, 8, thumb.height, 4);
    tc.fill();
    tc.fillStyle = colors.fg;
    tc.beginPath();
    tc.roundRect(x - 2, 2, 4, thumb.height - 4, 2);
    tc.fill();
  }

  private readColors() {
    const style = getComputedStyle(this.thumb.canvas);
    const read = (name: string, fallback: string) =>
      style.getPropertyValue(name).trim() || fallback;
    return {
      fg: read('--fg', '#1d1f23'),
      panel: read('--panel', '#ffffff'),
      accent: read('--accent', '#1f5fd1'),
    };
  }
}
