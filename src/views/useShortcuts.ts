import { useEffect } from 'react';
import type { LabStore } from '../store/simulation-store';

/**
 * Global keys (ignored while typing in a field or when a modifier is held),
 * with `f` one panel alone, `b` blank, `p` presentation mode:
 * Space play/pause, "," / "." a tick back / forward, "<" / ">" an event
 * back / forward, "[" / "]" previous / next marker, Ctrl+Z (or u) undo a
 * fork, +/− speed, r reset, t theme, ? shortcuts, PageDown/PageUp next and
 * previous narration step (a presenter's clicker).
 */
export interface ShortcutHandlers {
  readonly toggleHelp?: () => void;
  /** `f`: show one panel alone, then the next, then all again. */
  readonly cycleFocus?: () => void;
  /** `b`: blank the screen (and back). */
  readonly toggleBlank?: () => void;
  /**
   * A presenter's clicker drives the narration: arrows, Space, PageDown/PageUp
   * go through the steps (an embed, or presentation mode). Otherwise Space
   * plays and pauses.
   */
  readonly clicker?: boolean;
}

export function useShortcuts(store: LabStore, handlers: ShortcutHandlers): void {
  const { toggleHelp, cycleFocus, toggleBlank, clicker: clickerMode = false } = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return;
      const undo = (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z';
      if ((e.ctrlKey || e.metaKey) && !undo) return;
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName;
      const type = tag === 'INPUT' ? (target as HTMLInputElement).type : '';
      // A presenter's clicker sends PageDown/PageUp wherever focus was left (a checkbox, the picker).
      const clicker = e.key === 'PageDown' || e.key === 'PageUp';
      if (tag === 'INPUT' && type !== 'range' && !(clicker && type === 'checkbox')) return;
      if (tag === 'SELECT' && !clicker) return;
      if (tag === 'TEXTAREA' || target?.isContentEditable) return;
      const s = store.getState();
      // Arrows belong to a focused slider, select or the timeline track; Space to a button.
      const control =
        tag === 'BUTTON' ||
        tag === 'SUMMARY' ||
        tag === 'INPUT' ||
        tag === 'SELECT' ||
        (target instanceof Element && target.getAttribute('role') === 'slider');
      if (clickerMode && !control) {
        const forward = ['ArrowRight', 'ArrowDown', ' ', 'PageDown'].includes(e.key);
        const back = ['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key);
        // Clickers send "." (or "b") for a black screen, as in slide software.
        if (e.key === '.' && toggleBlank) {
          toggleBlank();
          e.preventDefault();
          return;
        }
        if (forward || back) {
          if (forward) s.nextStep();
          else s.previousStep();
          e.preventDefault();
          return;
        }
      }
      if (undo) {
        // Only when there is a fork to undo: otherwise Ctrl+Z stays the browser's.
        if (!s.timeline.canUndoFork) return;
        s.undoFork();
        e.preventDefault();
        return;
      }
      switch (e.key) {
        case ' ':
          if (tag === 'BUTTON') return; // Space presses the focused button
          s.setPlaying(!s.playing);
          break;
        case '.':
          s.stepTick(1);
          break;
        case ',':
          s.stepTick(-1);
          break;
        case '>':
          s.stepEvent(1);
          break;
        case '<':
          s.stepEvent(-1);
          break;
        case ']':
          s.jumpToMarker(1);
          break;
        case '[':
          s.jumpToMarker(-1);
          break;
        case 'u':
          s.undoFork();
          break;
        case '+':
        case '=':
          s.setSpeed(s.speed * 2);
          break;
        case '-':
        case '_':
          s.setSpeed(s.speed / 2);
          break;
        case 'PageDown':
          s.nextStep();
          break;
        case 'PageUp':
          s.previousStep();
          break;
        case 'r':
          s.reset();
          break;
        case 't':
          s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
          break;
        case '?':
          if (!toggleHelp) return;
          toggleHelp();
          break;
        case 'f':
          if (!cycleFocus) return;
          cycleFocus();
          break;
        case 'b':
          if (!toggleBlank) return;
          toggleBlank();
          break;
        case 'p':
          s.setPresenting(!s.presenting);
          break;
        case 'Escape':
          if (s.inspection) s.closeInspection();
          else return;
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, toggleHelp, cycleFocus, toggleBlank, clickerMode]);
}
