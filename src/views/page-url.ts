/** The page's address without query or fragment: where links and embeds point. */
export function baseUrl(): string {
  return window.location.origin === 'null'
    ? window.location.href.split(/[?#]/)[0]!
    : window.location.origin + window.location.pathname;
}
