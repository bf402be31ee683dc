import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'stream', 'zlib', 'dns', 'tls', 'timers', 'process', 'util', 'events', 'buffer', 'url', 'cluster', 'readline', 'v8', 'vm'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/dist/**', 'apps/web/vite.config.ts', '.data/**', 'coverage/**', '*.js', '*.mjs', 'test/browser/support/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    // Tests read JSON answers whose shape is what they assert (as do the HTTP drivers they share with the benchmarks).
    files: ['test/**/*.ts', 'libs/*/test/**/*.ts', 'scripts/onboarding-client.ts', 'scripts/applicant-driver.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code is replayed: it must stay deterministic and free of I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`)].map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins (use activities).' })),
        patterns: [
          { group: ['typeorm', 'typeorm/*', '@nestjs/*', 'mysql2', 'twilio', '@app/models'], message: 'Workflows must not touch the database, Nest or I/O clients: call an activity.' },
          { group: ['@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: 'Workflows import only @temporalio/workflow.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use workflow time (Date is replayed) only through helpers; prefer explicit timestamps from the workflow.' },
        { object: 'Math', property: 'random', message: 'Use uuid4() / the workflow-seeded random from @temporalio/workflow.' },
      ],
    },
  },
);
