import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs, so the build can be served from any path.
  base: './',
  build: { target: 'es2022' },
});
