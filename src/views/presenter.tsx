import { useCallback, useEffect, useState } from 'react';
import { useLab } from '../store/context';
import type { ThemeName } from './colors';

/**
 * Puts the theme and presentation mode on <html> for the stylesheet. The page
 * calls it before its first render too: presentation mode's larger type sizes
 * the first layout, so the stage is first drawn in the box it keeps.
 */
export function applyPageLook(theme: ThemeName, presenting: boolean): void {
  const root = document.documentElement;
  root.dataset['theme'] = theme;
  if (presenting) root.dataset['present'] = '';
  else delete root.dataset['present'];
}

/** The page's theme and presentation mode, kept on <html> (applyPageLook). */
export function usePageLook(): void {
  const theme = useLab((s) => s.theme);
  const presenting = useLab((s) => s.presenting);
  useEffect(() => applyPageLook(theme, presenting), [theme, presenting]);
}

/** `b`: the screen goes blank (as in slide software) until `b` again, or a click. */
export function Blank({ onDone }: { readonly onDone: () => void }) {
  return (
    <div
      className="blank"
      role="button"
      tabIndex={0}
      aria-label="Blank screen: press b or click to come back"
      data-testid="blank"
      onClick={onDone}
    />
  );
}

/** A flag and a stable toggle for it (blank screen, shortcuts help). */
export function useToggle(): [boolean, () => void] {
  const [on, setOn] = useState(false);
  return [on, useCallback(() => setOn((x) => !x), [])];
}

/** `f`: the next of `order` (null first: everything shown), wrapping around. */
export function useCycle<T>(order: readonly (T | null)[]): [T | null, () => void] {
  const [at, setAt] = useState<T | null>(null);
  const next = useCallback(
    () => setAt((x) => order[(order.indexOf(x) + 1) % order.length] ?? null),
    [order],
  );
  return [at, next];
}
