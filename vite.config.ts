import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { eagerCommonJs } from './scripts/eager-cjs.ts';

export default defineConfig({
  plugins: [react(), eagerCommonJs()],
  // Relative asset URLs, so the build can be served from any path.
  base: './',
  // One JS chunk on purpose: split ones (React apart, or the panels loaded after the first
  // frame) drew the first lane 30-60 ms later in headless Chromium.
  build: { target: 'es2022' },
});
