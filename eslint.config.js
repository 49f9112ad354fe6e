// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Adapters and apps reach core only through its public entry points. */
const coreInternals = {
  group: ['@volley/core/src/*', '@volley/*/src/*', '**/packages/core/src/**'],
  message: 'Import @volley/core, @volley/core/server or @volley/core/client, never internals.',
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/.reports/**',
      '**/.next/**',
      'packages/next/test/.quickstart/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/coverage/**',
      'docs/api/**',
      '**/*.vue',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // No `any` in library source.
  {
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // Tests may use `any` for deliberately malformed input.
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-d.ts', '**/test/**', '**/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  // CommonJS on purpose: the consumer suite runs these scripts with require(), as CommonJS users do.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Type tests declare values only to read their types.
  {
    files: ['**/*.test-d.ts', '**/*.test-d.tsx'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  // Architecture: the isomorphic root entry of core pulls no socket.io and no framework.
  {
    files: ['packages/core/src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['socket.io', 'socket.io-client', 'react', 'vue', 'express', 'next'],
              message:
                'The root entry of @volley/core is isomorphic: put socket.io code under src/server or src/client.',
            },
            {
              group: ['./server/*', './client/*', './server', './client'],
              message: 'The root entry must not import the server or client entry.',
            },
          ],
        },
      ],
    },
  },
  // Architecture: adapters reach core only through its public entry points.
  {
    files: [
      'packages/react/**/*.{ts,tsx}',
      'packages/vue/**/*.ts',
      'packages/express/**/*.ts',
      'packages/next/**/*.{ts,tsx}',
      'apps/**/*.{ts,tsx}',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [coreInternals, { group: ['vue', '@vue/*'], message: 'React code never imports Vue.' }],
        },
      ],
    },
  },
  {
    files: ['packages/vue/**/*.ts', 'apps/collab/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            coreInternals,
            { group: ['react', 'react-dom', 'react/*'], message: 'Vue code never imports React.' },
          ],
        },
      ],
    },
  },
)
