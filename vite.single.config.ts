import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { eagerCommonJs } from './scripts/eager-cjs.ts';

/**
 * `npm run build:single`: the whole app (script, styles, icon) inlined into
 * one HTML file, `dist-single/index.html`, that works opened from file://
 * with no network: for rooms with bad Wi-Fi and for slides.
 */
export default defineConfig({
  plugins: [react(), eagerCommonJs(), viteSingleFile()],
  base: './',
  build: { target: 'es2022', outDir: 'dist-single' },
});
