/**
 * The lanes' record cells (and the records flying into them), written as
 * pixels and put on the stage in one blit.
 *
 * A 2D canvas parses every fillStyle string it is given and rasterises every
 * rect: at 256 partitions a frame has thousands of cells, each a different
 * key colour, and those calls were the stage's largest cost. Cells are plain
 * axis-aligned rectangles, so writing their pixels into a buffer and drawing
 * that buffer once costs a fraction of it. Everything else on the stage
 * (text, outlines, markers, flights) is still drawn by the canvas.
 */
export class CellLayer {
  private surface: HTMLCanvasElement | null = null;
  private surfaceCtx: CanvasRenderingContext2D | null = null;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  /** The buffer's place on the target canvas, in device pixels. */
  private left = 0;
  private top = 0;
  private width = 0;
  private height = 0;
  /** Device pixels per layout unit (device pixel ratio × zoom). */
  private scale = 1;
  /** Parsed colours: opaque pixel values, keyed by CSS hex colour. */
  private readonly parsed = new Map<string, number>();
  private readonly littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

  /**
   * Starts a frame covering `box` (layout units) at `scale` device pixels per
   * unit. False when this environment cannot give a pixel buffer; the caller
   * then draws cells with the canvas.
   */
  begin(box: { x: number; y: number; w: number; h: number }, scale: number): boolean {
    const left = Math.max(0, Math.floor(box.x * scale));
    const top = Math.max(0, Math.floor(box.y * scale));
    const width = Math.max(1, Math.ceil((box.x + box.w) * scale) - left);
    const height = Math.max(1, Math.ceil((box.y + box.h) * scale) - top);
    if (this.surface === null) {
      if (typeof document === 'undefined') return false;
      this.surface = document.createElement('canvas');
      this.surfaceCtx = this.surface.getContext('2d');
    }
    const ctx = this.surfaceCtx;
    if (ctx === null) return false;
    if (this.image === null || width !== this.width || height !== this.height) {
      this.surface.width = width;
      this.surface.height = height;
      this.image = ctx.createImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else {
      this.pixels.fill(0);
    }
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    this.scale = scale;
    return true;
  }

  /** A cell: `color` is a #rrggbb colour, `alpha` 0..1. */
  fill(x: number, y: number, w: number, h: number, color: string, alpha: number): void {
    const s = this.scale;
    // Whole device pixels: edges snap as the canvas's own crisp cells would.
    const x0 = Math.max(0, Math.round(x * s) - this.left);
    const y0 = Math.max(0, Math.round(y * s) - this.top);
    const x1 = Math.min(this.width, Math.round((x + w) * s) - this.left);
    const y1 = Math.min(this.height, Math.round((y + h) * s) - this.top);
    if (x1 <= x0 || y1 <= y0) return;
    const value = this.pixel(color, alpha);
    const pixels = this.pixels;
    for (let row = y0; row < y1; row++) {
      const base = row * this.width;
      pixels.fill(value, base + x0, base + x1);
    }
  }

  /** Draws the frame's cells onto `target` (over what it already shows). */
  end(target: CanvasRenderingContext2D): void {
    if (this.image === null || this.surface === null || this.surfaceCtx === null) return;
    this.surfaceCtx.putImageData(this.image, 0, 0);
    target.save();
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.drawImage(this.surface, this.left, this.top);
    target.restore();
  }

  private pixel(color: string, alpha: number): number {
    let rgb = this.parsed.get(color);
    if (rgb === undefined) {
      rgb = parseHex(color);
      if (this.parsed.size > 5000) this.parsed.clear();
      this.parsed.set(color, rgb);
    }
    const r = (rgb >> 16) & 0xff;
    const g = (rgb >> 8) & 0xff;
    const b = rgb & 0xff;
    // ImageData is not premultiplied: a translucent cell keeps its colour and lowers alpha.
    const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
    return this.littleEndian
      ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  }
}

/** 0xrrggbb of a #rrggbb colour (what keyColor gives); grey for anything else. */
function parseHex(color: string): number {
  return /^#[0-9a-f]{6}$/i.test(color) ? parseInt(color.slice(1), 16) : 0x808080;
}
