import { useEffect, useState } from 'react';

/**
 * How long to wait for the first frame at most: a frame that is not shown (a
 * slide's iframe before its slide, a tab in the background) gets no frames,
 * and its panels should be ready when it is shown.
 */
const NO_FRAME_MS = 1000;

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
    const done = () => setPainted(true);
    let timer = 0;
    // A frame callback runs just before that frame is painted; a task queued from it, after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(done, 0);
    });
    const fallback = window.setTimeout(done, NO_FRAME_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [painted]);
  return painted;
}
