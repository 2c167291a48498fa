import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A bare `catch {` swallows bugs with the error it meant. Tests and fixtures may.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'web/e2e/**', 'server/testing/**'],
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
  ...layering(),
);

/**
 * The layering of DESIGN.md, flagged in the editor: only clusters/demo.ts, tests and fixtures
 * reach the simulator, and only through server/sim/index.ts; the simulator imports only itself
 * and server/kube/; kube/ only itself; the SPA takes only types from the server (and kube/).
 * server/architecture.test.ts holds the same rules, plus dynamic imports and import cycles.
 * Patterns match the specifier as written, so rules that depend on how far a file sits below
 * server/sim/ or server/kube/ come once per depth.
 */
function layering() {
  const rule = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ caseSensitive: true, ...p })) }] });
  const simFace = 'the simulator shows one face, server/sim/index.ts, and only to clusters/demo.ts, tests and server/testing/';
  const up = (depth) => `^(\\.\\./){${depth + 1}}`;
  const depths = [0, 1, 2, 3];
  const below = (dir, depth, name) => `${dir}/${'*/'.repeat(depth)}${name}`;
  return [
    {
      files: ['server/**/*.ts'],
      ignores: ['server/sim/**', 'server/kube/**', 'server/testing/**', 'server/clusters/demo.ts', '**/*.test.ts'],
      rules: rule({ regex: '^(\\./|(\\.\\./)+)sim/', message: `the console talks to clusters over HTTP; ${simFace}` }),
    },
    {
      files: ['server/testing/**/*.ts', 'server/clusters/demo.ts', 'server/**/*.test.ts'],
      ignores: ['server/sim/**', 'server/kube/**'],
      rules: rule({ regex: '^(\\./|(\\.\\./)+)sim/(?!index\\.ts$)', message: simFace }),
    },
    {
      files: ['web/e2e/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
      rules: rule({ regex: '^(\\.\\./)+server/sim/(?!index\\.ts$)', message: simFace }),
    },
    {
      files: ['web/src/**/*.{ts,tsx}'],
      rules: rule(
        { regex: '^(\\.\\./)+server/sim/', message: `the SPA reaches clusters through the console; ${simFace}` },
        { regex: '^(\\.\\./)+server/(?!kube/|sim/)', allowTypeImports: true, message: 'the SPA takes only types from the server (`import type`), and Kubernetes rules from server/kube/' },
      ),
    },
    ...depths.flatMap((depth) => [
      {
        files: [below('server/sim', depth, '*.ts')],
        ignores: ['**/*.test.ts'],
        rules: rule({ regex: `${up(depth)}(?!sim/|kube/)`, message: 'server/sim/ imports only server/sim/ and server/kube/' }),
      },
      {
        // Simulator tests may also use the test fixtures (kubectl runners, eventually).
        files: [below('server/sim', depth, '*.test.ts')],
        rules: rule({ regex: `${up(depth)}(?!sim/|kube/|testing/)`, message: 'server/sim/ tests import only server/sim/, server/kube/ and server/testing/' }),
      },
      {
        files: [below('server/kube', depth, '*.ts')],
        rules: rule({ regex: `${up(depth)}(?!kube/)`, message: 'server/kube/ is the ground floor: it imports only server/kube/' }),
      },
    ]),
  ];
}
