/**
 * Builds the SPA from web/ into dist/. `base: './'` keeps asset URLs relative, so one build
 * works under any sub-path: the BFF injects `<base href>` and the `console-base` meta at run time.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));
/** Where `npm run dev` forwards /api and /k8s (HTTP and websockets). */
const bff = process.env.CONSOLE_BFF_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: bff, ws: true, changeOrigin: false },
      '/k8s': { target: bff, ws: true, changeOrigin: false },
    },
  },
});
