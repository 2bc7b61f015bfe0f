import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Relative base so the built app also works from a sub-folder (slides embed it by iframe).
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    target: 'es2022',
    sourcemap: false,
    // The model and the kernel run on the first screen and in the lazy views alike: one chunk of
    // them, not the handful of small shared chunks the bundler would cut, each gzipped apart
    // (1.8 KB gzip smaller, measured with `npm run size`).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'run', test: /\/src\/(model\/|sim\/|scenarios\/ids\.ts)/ }],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
});
