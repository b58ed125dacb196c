import { useEffect, useState } from 'react';

/**
 * False until the page's first frame is on screen, when `defer` is set; true
 * at once otherwise. The lab's panels wait on it so that the first frame shows
 * the stage sooner: rendering, laying out and painting every panel before it
 * took a slow machine about as long again as the stage itself.
 */
export function useAfterFirstPaint(defer: boolean): boolean {
  const [painted, setPainted] = useState(!defer);
  useEffect(() => {
    if (painted) return;
    let timer = 0;
    // A frame callback runs just before that frame is painted; a task queued from it, after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
