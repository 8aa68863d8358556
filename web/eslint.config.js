import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // api-schema.gen.ts is generated from docs/api/openapi.yaml (npm run gen:api).
  { ignores: ['dist', 'node_modules', 'e2e/screenshots', 'test-results', 'src/lib/api-schema.gen.ts'] },
  {
    files: ['src/**/*.{ts,tsx}', 'vite.config.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // STYLE layering: shared folders feed features, features feed app; features do not import each
  // other; only features/*/api talks to lib/api-client.
  {
    files: ['src/lib/**', 'src/components/**', 'src/i18n/**', 'src/theme/**'],
    ignores: ['**/*.test.*'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/features/*', '@/app/*'], message: 'Shared code must not depend on features or the app.' }] },
      ],
    },
  },
  {
    files: ['src/features/**'],
    ignores: ['src/features/*/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/features/*'], message: 'Features do not import each other; compose them in src/app.' },
            { group: ['@/app/*'], message: 'Features do not import the app.' },
          ],
          paths: [
            {
              name: '@/lib/api-client',
              importNames: ['apiRequest', 'apiDownload', 'refreshSession', 'setAccessToken'],
              message: 'Only features/*/api talks to the API client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/*/api/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/features/*', '@/app/*'], message: 'Features do not import each other.' }] }] },
  },
  {
    files: ['scripts/**/*.mjs', 'e2e/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    // e2e code also carries functions that run inside the page.
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
);
