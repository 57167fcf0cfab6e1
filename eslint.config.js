import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      '.bench-build/**',
      'dist/**',
      'demo-output/**',
      'coverage/**',
      'test/fixtures/**',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The import pipeline is host-free: the CLI runs it in Node, the page in the browser (ARCHITECTURE.md).
    // Node's modules and the Node host's parts stay outside it (importer/src/folder/, store/, worker.ts).
    files: ['importer/src/import/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'import/ is host-free: Node modules belong in importer/src/folder/.',
            },
            {
              group: [
                'fs',
                'fs/*',
                'path',
                'os',
                'crypto',
                'zlib',
                'stream',
                'worker_threads',
                'child_process',
              ],
              message: 'import/ is host-free: Node modules belong in importer/src/folder/.',
            },
            {
              group: ['tinypool', 'better-sqlite3', 'sql.js'],
              message: 'import/ is host-free: hosts bring their workers and stores (import/host.ts).',
            },
            {
              group: [
                '../folder/*',
                '../store/*',
                '../fsutil',
                '../worker',
                '../errors',
                '../cli*',
                '../commands/*',
              ],
              message: 'import/ is host-free: it may not use the Node side of the importer.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'import/ is host-free: no process.' },
        { name: 'Buffer', message: 'import/ is host-free: use Uint8Array.' },
        { name: 'require', message: 'import/ is host-free.' },
        { name: '__dirname', message: 'import/ is host-free.' },
      ],
    },
  },
);
