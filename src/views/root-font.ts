/**
 * The root font size in CSS pixels (1rem): it grows with the screen and in
 * presentation mode, and charts drawn in pixels size their labels by it.
 */
export function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}
