// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Lint enforces the architecture (DESIGN.md §1), so it cannot erode quietly:
 * - imports flow one way: sim ← model ← scenarios/explore ← report ← state ← ui;
 * - the deterministic layers use no ambient time or randomness;
 * - no import cycles anywhere (import-x/no-cycle skips `import type`; cli/codeStats.test.ts
 *   counts those too).
 */
const UI_LIBS = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@xstate/react'];
const layer = (...folders) =>
  folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `**/src/${f}/*`]);

/** @param {string[]} forbidden @param {string} why */
const restrictImports = (forbidden, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: why }] }],
});

const AMBIENT = 'breaks determinism: time and chance come from the kernel (src/sim) only';
const determinism = {
  'no-restricted-globals': [
    'error',
    ...[
      'setTimeout',
      'setInterval',
      'setImmediate',
      'performance',
      'Date',
      'crypto',
      'window',
      'document',
    ].map((name) => ({ name, message: `${name} ${AMBIENT}` })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: `Math.random ${AMBIENT}` },
    { object: 'Date', property: 'now', message: `Date.now ${AMBIENT}` },
    { object: 'performance', property: 'now', message: `performance.now ${AMBIENT}` },
    { object: 'crypto', property: 'randomUUID', message: `crypto.randomUUID ${AMBIENT}` },
    { object: 'globalThis', property: 'setTimeout', message: `setTimeout ${AMBIENT}` },
    { object: 'globalThis', property: 'setInterval', message: `setInterval ${AMBIENT}` },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      ...restrictImports(
        [
          ...UI_LIBS,
          'xstate',
          ...layer('model', 'scenarios', 'explore', 'report', 'state', 'ui', 'i18n'),
        ],
        'the kernel (src/sim) depends on nothing above it',
      ),
      ...determinism,
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      ...restrictImports(
        [...UI_LIBS, ...layer('scenarios', 'explore', 'report', 'state', 'ui', 'i18n')],
        'the model (src/model) may use only src/sim and xstate',
      ),
      ...determinism,
    },
  },
  {
    files: ['src/scenarios/**/*.ts', 'src/explore/**/*.ts'],
    rules: {
      ...restrictImports(
        [...UI_LIBS, ...layer('report', 'state', 'ui')],
        'scenarios and the explorer run headless',
      ),
      ...determinism,
    },
  },
  {
    files: ['src/report/**/*.ts', 'src/i18n/**/*.ts'],
    rules: restrictImports(
      [...UI_LIBS, ...layer('state', 'ui')],
      'texts and reports run headless too',
    ),
  },
  {
    files: ['src/state/**/*.ts'],
    rules: restrictImports([...layer('ui')], 'the store does not know the views'),
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts', 'src/embed/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
