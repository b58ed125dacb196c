import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_EMBED,
  EMBED_PANELS,
  embedSnippet,
  embedUrl,
  type EmbedChoice,
  type EmbedPanel,
} from '../embed/params';
import { BUILTIN_SCENARIOS } from '../scenarios/index';
import { encodeShareLink } from '../session/index';
import { useLab, useLabStore } from '../store/context';
import { baseUrl } from './page-url';

const PANEL_NAMES: Record<EmbedPanel, string> = {
  lanes: 'Partition lanes and groups',
  lag: 'Lag chart',
  bars: 'Lag per partition',
  table: '--describe table',
  rebalances: 'Rebalances',
  health: 'Lag health',
  counters: 'Counters',
  narration: 'Narration',
};

/**
 * "Embed": builds the address and the iframe snippet for a slide, with a
 * live preview of exactly that address.
 */
export function EmbedDialog({ onClose }: { readonly onClose: () => void }) {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const builtin = BUILTIN_SCENARIOS.some((s) => s.id === scenario.id) ? scenario.id : null;
  const [choice, setChoice] = useState<EmbedChoice>({
    ...DEFAULT_EMBED,
    panels: scenario.steps.length > 0 ? ['lanes', 'lag', 'narration'] : DEFAULT_EMBED.panels,
    theme: store.getState().theme,
    scenario: builtin,
    share: null,
  });
  // "This moment": the session itself travels as a share link in the embed's address.
  const [fromNow, setFromNow] = useState(builtin === null);
  const [share, setShare] = useState<string | null>(null);
  const [aspect, setAspect] = useState<'16:9' | '4:3'>('16:9');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!fromNow) return;
    const moment = store.getState().sharedView();
    if (moment === null) return;
    let live = true;
    void encodeShareLink(moment.view).then((fragment) => {
      if (live) setShare(fragment);
    });
    return () => {
      live = false;
    };
  }, [fromNow, store]);
  useEffect(() => {
    const d = dialog.current!;
    const opener = document.activeElement;
    if (!d.open) d.showModal();
    // Focus goes back to what opened it.
    return () => {
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);
  const url = embedUrl(baseUrl(), {
    ...choice,
    share: fromNow ? share : null,
    step: fromNow ? null : choice.step,
  });
  const snippet = embedSnippet(url, `Partition Lab: ${scenario.title}`, aspect);
  const set = (patch: Partial<EmbedChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const togglePanel = (p: EmbedPanel, on: boolean) =>
    set({
      panels: EMBED_PANELS.filter((x) => (x === p ? on : choice.panels.includes(x))),
    });
  // A modal <dialog>: the page behind is inert (no Tab, no shortcuts) until it closes.
  return (
    <dialog
      ref={dialog}
      className="embed-dialog"
      aria-label="Embed in a slide"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === dialog.current) dialog.current.close(); // a click on the backdrop
      }}
      onKeyDown={(e) => {
        // The lab's shortcuts stay out of the dialog's fields and buttons.
        e.stopPropagation();
        if (e.key === 'Escape') dialog.current?.close();
      }}
    >
      <div className="embed-dialog-body">
        <header>
          <h2>Embed in a slide</h2>
          <button type="button" onClick={() => dialog.current?.close()} aria-label="Close">
            ×
          </button>
        </header>
        <div className="embed-form">
          <fieldset>
            <legend>Start from</legend>
            <label className="check">
              <input
                type="radio"
                name="embed-start"
                checked={!fromNow}
                disabled={builtin === null}
                onChange={() => setFromNow(false)}
              />
              {builtin === null ? 'the lesson (this is not a built-in one)' : 'the lesson’s start'}
            </label>
            <label className="check">
              <input
                type="radio"
                name="embed-start"
                checked={fromNow}
                onChange={() => setFromNow(true)}
              />
              this moment of this session
            </label>
          </fieldset>
          <fieldset>
            <legend>Panels</legend>
            {EMBED_PANELS.map((p) => (
              <label key={p} className="check">
                <input
                  type="checkbox"
                  checked={choice.panels.includes(p)}
                  disabled={choice.panels.length === 1 && choice.panels.includes(p)}
                  onChange={(e) => togglePanel(p, e.currentTarget.checked)}
                />
                {PANEL_NAMES[p]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Playback</legend>
            {scenario.steps.length > 0 && !fromNow && (
              <label>
                Open on step{' '}
                <select
                  value={choice.step ?? 0}
                  onChange={(e) => {
                    const n = Number(e.currentTarget.value);
                    set({ step: n === 0 ? null : n });
                  }}
                >
                  {scenario.steps.map((_, i) => (
                    <option key={i} value={i}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={choice.autoplay}
                onChange={(e) => set({ autoplay: e.currentTarget.checked })}
              />
              Play at once
            </label>
            <label>
              Speed{' '}
              <select
                value={choice.speed}
                onChange={(e) => set({ speed: Number(e.currentTarget.value) })}
              >
                {[0.5, 1, 2, 5, 10].map((v) => (
                  <option key={v} value={v}>
                    {v}×
                  </option>
                ))}
              </select>
            </label>
            <label>
              Theme{' '}
              <select
                value={choice.theme ?? 'system'}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  set({ theme: v === 'light' || v === 'dark' ? v : null });
                }}
              >
                <option value="system">the viewer’s</option>
                <option value="light">light</option>
                <option value="dark">dark</option>
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={choice.present}
                onChange={(e) => set({ present: e.currentTarget.checked })}
              />
              Presentation mode
            </label>
            <label>
              Shape{' '}
              <select
                value={aspect}
                onChange={(e) => setAspect(e.currentTarget.value === '4:3' ? '4:3' : '16:9')}
              >
                <option value="16:9">16:9</option>
                <option value="4:3">4:3</option>
              </select>
            </label>
          </fieldset>
        </div>
        <label className="embed-output">
          Link
          <input
            readOnly
            value={url}
            data-testid="embed-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        <label className="embed-output">
          iframe for the slide
          <textarea
            readOnly
            rows={3}
            value={snippet}
            data-testid="embed-snippet"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(snippet)}>
          Copy the iframe
        </button>
        <div className={`embed-preview aspect-${aspect === '16:9' ? 'wide' : 'classic'}`}>
          <iframe key={url} title="Preview of the embed" src={url} data-testid="embed-preview" />
        </div>
      </div>
    </dialog>
  );
}
