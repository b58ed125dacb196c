import { useEffect, useRef } from 'react';
import { useLabStore } from '../store/context';
import { lagCsv, viewPng, viewSvg } from './exports';
import { download } from './files';

/** Export: the view as PNG or SVG, the lag series as CSV (the run itself: Save recording). */
export function ExportMenu() {
  const store = useLabStore();
  const menu = useRef<HTMLDetailsElement>(null);
  const name = () => {
    const s = store.getState();
    return `${s.scenario.id}-${Math.round(s.snapshot.time / 1000)}s`;
  };
  const done = () => menu.current?.removeAttribute('open');
  // Closes on a click elsewhere or Esc, like any menu.
  useEffect(() => {
    const away = (e: Event) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) done();
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menu.current?.open) done();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details className="export" ref={menu}>
      <summary>Export</summary>
      <div className="export-menu">
        <button
          type="button"
          onClick={() => {
            void viewPng().then((png) => download(`${name()}.png`, png));
            done();
          }}
        >
          Picture (PNG)
        </button>
        <button
          type="button"
          onClick={() => {
            download(`${name()}.svg`, viewSvg(), 'image/svg+xml');
            done();
          }}
        >
          Picture (SVG)
        </button>
        <button
          type="button"
          onClick={() => {
            download(`${name()}-lag.csv`, lagCsv(store.getState()), 'text/csv');
            done();
          }}
        >
          Lag series (CSV)
        </button>
      </div>
    </details>
  );
}
