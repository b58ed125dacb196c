/**
 * The stack's floor for the first-lane figure: React DOM and nothing else,
 * rendering one canvas and drawing one lane of 20 cells in a layout effect,
 * marked the way the lab marks its first lane.
 */
import { useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

function Lane() {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current!;
    const box = canvas.getBoundingClientRect();
    canvas.width = box.width;
    canvas.height = box.height;
    const ctx = canvas.getContext('2d')!;
    for (let i = 0; i < 20; i++) {
      ctx.fillStyle = `hsl(${i * 37} 60% 45%)`;
      ctx.fillRect(i * 40, 10, 36, 40);
    }
    performance.mark('pl:first-lane');
  }, []);
  return <canvas ref={ref} style={{ width: 900, height: 60, display: 'block' }} />;
}

flushSync(() => createRoot(document.getElementById('root')!).render(<Lane />));
