import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A bare `catch {` swallows bugs with the error it meant. Tests and fixtures may; server/sim
    // joins once its own catches are converted.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'web/e2e/**', 'server/testing/**', 'server/sim/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'CatchClause[param=null]', message: 'name the error you expect, or log it' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
