import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The model and the kernel run on the first screen and in the lazy views alike: one chunk of
// them, not the handful of small shared chunks the bundler would cut, each gzipped apart
// (1.8 KB gzip smaller, measured with `npm run size`). The ledger's summaries (outcome.ts,
// resourceOutcome.ts) stay out of it: only views loaded after the first paint read them, and
// they load with those (1.3 KB gzip off the first screen). The resource world (model/resource*,
// machines/resource*) stays out too: it loads when a resource scenario first opens
// (src/state/loadResources.ts), and with the state charts (machineCharts.ts): 3.9 KB gzip.
const codeSplitting = {
  groups: [
    {
      name: 'run',
      test: /\/src\/(model\/(?!outcome\.ts|resource|machines\/resource|machineCharts)|sim\/|scenarios\/ids\.ts)/,
    },
  ],
};

// Relative base so the built app also works from a sub-folder (slides embed it by iframe).
// The embedded stage (embed.html) is a second build into the same folder, after the lab's
// (`vite build --mode embed`): built apart, it shares no chunk with the full lab, so the lab's
// first screen stays as it was (built together, the modules both use were cut into extra chunks
// that the lab's first screen then loaded: 1.2 KB gzip more).
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    target: 'es2022',
    sourcemap: false,
    ...(mode === 'embed' ? { emptyOutDir: false } : {}),
    rolldownOptions: {
      ...(mode === 'embed' ? { input: 'embed.html' } : {}),
      output: { codeSplitting },
    },
  },
  preview: { port: 4173, strictPort: true },
}));
