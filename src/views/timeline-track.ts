/** How far the thumb canvas reaches past each end of the track (CSS px): half the thumb and its ring. */
export const THUMB_OVERHANG_PX = 4;
/** The thumb's ring in the panel colour, as wide as the box-shadow it replaces (CSS px). */
const RING_PX = 2;

interface Surface {
  readonly canvas: HTMLCanvasElement;
  /** CSS pixels. */
  width: number;
  height: number;
}

const devicePixels = () => window.devicePixelRatio || 1;

/**
 * The timeline's played bar and thumb, drawn on two small canvases. They move
 * every frame while the lab plays; a canvas redraw reaches the screen without
 * the page's style, paint and layerize steps, which a moved element costs the
 * whole page every frame (over 1 ms a frame on a slow laptop). The markers
 * stay elements between the two: over the played bar, under the thumb.
 *
 * It keeps the canvases sized in device pixels, also when only the pixel
 * density changes (a window moved to another screen, the browser zoomed), and
 * in the page's colours, which the theme and presentation mode set on <html>.
 * `dispose` stops all of that.
 */
export class TrackPainter {
  private readonly played: Surface;
  private readonly thumb: Surface;
  private look: { fg: string; panel: string; accent: string; radius: number } | null = null;
  private shown = '';
  private at = 0;
  private to = 0;
  private dpr = devicePixels();
  private density: MediaQueryList | null = null;
  private readonly sizes = new ResizeObserver((entries) => {
    for (const e of entries) this.resize(e.target, e.contentRect.width, e.contentRect.height);
  });
  private readonly styles = new MutationObserver(() => this.restyle());

  constructor(played: HTMLCanvasElement, thumb: HTMLCanvasElement) {
    this.played = { canvas: played, width: 0, height: 0 };
    this.thumb = { canvas: thumb, width: 0, height: 0 };
    this.sizes.observe(played);
    this.sizes.observe(thumb);
    this.watchDensity();
    this.styles.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'data-present'],
    });
  }

  dispose(): void {
    this.sizes.disconnect();
    this.styles.disconnect();
    this.density?.removeEventListener('change', this.densityChanged);
  }

  /** Draws the thumb at `at` and the played bar to `to` (fractions of the track), in whole device pixels. */
  draw(at: number, to: number): void {
    // Checked here too: under some emulation the media query's change never comes.
    if (devicePixels() !== this.dpr) this.densityChanged();
    this.at = at;
    this.to = to;
    const { played, thumb } = this;
    if (played.width === 0 || thumb.width === 0) return;
    const k = played.canvas.width / played.width;
    const px = (f: number) => Math.round(f * played.width * k) / k;
    const key = `${px(at)} ${px(to)}`;
    if (key === this.shown) return;
    const pc = played.canvas.getContext('2d');
    const tc = thumb.canvas.getContext('2d');
    if (!pc || !tc) return;
    this.shown = key;
    const look = (this.look ??= this.readLook());
    pc.setTransform(k, 0, 0, played.canvas.height / played.height, 0, 0);
    pc.clearRect(0, 0, played.width, played.height);
    pc.globalAlpha = 0.22;
    pc.fillStyle = look.accent;
    pc.beginPath();
    pc.roundRect(0, 0, px(to), played.height, Math.min(look.radius, played.height / 2));
    pc.fill();
    // The thumb: a 4 px bar, ringed in the panel colour, a little taller than the track.
    tc.setTransform(
      thumb.canvas.width / thumb.width,
      0,
      0,
      thumb.canvas.height / thumb.height,
      0,
      0,
    );
    tc.clearRect(0, 0, thumb.width, thumb.height);
    const x = THUMB_OVERHANG_PX + px(at);
    tc.fillStyle = look.panel;
    tc.beginPath();
    tc.roundRect(x - 2 - RING_PX, 0, 4 + 2 * RING_PX, thumb.height, 2 + RING_PX);
    tc.fill();
    tc.fillStyle = look.fg;
    tc.beginPath();
    tc.roundRect(x - 2, RING_PX, 4, thumb.height - 2 * RING_PX, 2);
    tc.fill();
  }

  /** A canvas's box changed (CSS pixels): it is sized for the screen and redrawn. */
  private resize(canvas: Element, width: number, height: number): void {
    const surface = canvas === this.played.canvas ? this.played : this.thumb;
    surface.width = width;
    surface.height = height;
    surface.canvas.width = Math.max(1, Math.round(width * this.dpr));
    surface.canvas.height = Math.max(1, Math.round(height * this.dpr));
    this.restyle();
  }

  /** The theme or the type size changed: colours and corners are read again from the page. */
  private restyle(): void {
    this.look = null;
    this.shown = '';
    this.draw(this.at, this.to);
  }

  private readonly densityChanged = (): void => {
    this.watchDensity();
    // Observing again reports both canvases' boxes at once, sized at the new density.
    for (const { canvas } of [this.played, this.thumb]) {
      this.sizes.unobserve(canvas);
      this.sizes.observe(canvas);
    }
  };

  private watchDensity(): void {
    this.density?.removeEventListener('change', this.densityChanged);
    this.dpr = devicePixels();
    this.density = window.matchMedia(`(resolution: ${this.dpr}dppx)`);
    this.density.addEventListener('change', this.densityChanged);
  }

  private readLook() {
    const style = getComputedStyle(this.thumb.canvas);
    const read = (name: string, fallback: string) =>
      style.getPropertyValue(name).trim() || fallback;
    const track = this.played.canvas.parentElement;
    const radius = track ? parseFloat(getComputedStyle(track).borderTopLeftRadius) : NaN;
    return {
      fg: read('--fg', '#1d1f23'),
      panel: read('--panel', '#ffffff'),
      accent: read('--accent', '#1f5fd1'),
      radius: Number.isFinite(radius) ? radius : 5,
    };
  }
}
