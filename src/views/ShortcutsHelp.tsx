import { useEffect, useRef } from 'react';

const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Space', 'Play or pause'],
  [', / .', 'Back / forward one tick (100 ms of simulated time)'],
  ['< / >', 'Back / forward one event'],
  ['[ / ]', 'Previous / next marker on the timeline'],
  ['Ctrl+Z or u', 'Undo a fork (put back the future you replaced)'],
  ['+ / −', 'Faster / slower'],
  ['PageDown / PageUp', 'Next / previous narration step'],
  ['r', 'Reset (back to the start of the scenario)'],
  ['t', 'Light or dark theme'],
  [
    'p',
    'Presentation mode: large type, full contrast, thick lines; arrows and Space then go through the narration, "." blanks',
  ],
  ['f', 'One panel alone (press again for the next, then all)'],
  ['b', 'Blank the screen (b or a click to come back)'],
  ['?', 'Show or hide these shortcuts'],
  ['Esc', 'Close a dialog'],
];

/** The keyboard shortcuts, in a modal dialog. */
export function ShortcutsHelp({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-label="Keyboard shortcuts"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
