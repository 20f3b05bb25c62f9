import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA is served by ramstack under /console (src/console/static-files.ts reads dist/console-web).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../../dist/console-web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
