/**
 * `value.toLocaleString('en-US')`, without the locale data for whole numbers (what the counters
 * hold): the first locale-aware format on a page loads that data (tens of ms on a slow machine),
 * and the counters render before the first frame is drawn.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${out}` : out;
}
