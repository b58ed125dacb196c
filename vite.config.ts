import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { eagerCommonJs } from './scripts/eager-cjs.ts';

export default defineConfig({
  plugins: [react(), eagerCommonJs()],
  // Relative asset URLs, so the build can be served from any path.
  base: './',
  build: { target: 'es2022' },
});
