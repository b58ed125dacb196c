/** Milliseconds as seconds, the way the panels print them: "12.5 s". */
export function formatSeconds(ms: number, decimals = 1): string {
  return `${(ms / 1000).toFixed(decimals)} s`;
}
