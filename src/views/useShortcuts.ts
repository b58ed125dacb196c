import { useEffect } from 'react';
import type { LabStore } from '../store/simulation-store';

/**
 * Global keys (ignored while typing in a field or when a modifier is held):
 * Space play/pause, "," / "." a tick back / forward, "<" / ">" an event
 * back / forward, "[" / "]" previous / next marker, Ctrl+Z (or u) undo a
 * fork, +/− speed, r reset, t theme, ? shortcuts, PageDown/PageUp next and
 * previous narration step (a presenter's clicker).
 */
export function useShortcuts(store: LabStore, toggleHelp: () => void): void {
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
          toggleHelp();
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
  }, [store, toggleHelp]);
}
