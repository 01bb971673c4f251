// Lint: typescript-eslint's strict, type-checked rules. A few are relaxed, with the reason beside them.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'lib/**',
      'node_modules/**',
      '.astro/**',
      'test/fixtures/**',
      'bench/work/**',
      'bench/.tmp/**',
      'test/.tmp/**',
      'test-results/**',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // noUncheckedIndexedAccess is on: a `!` after an index the code has just checked is the idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in messages ("3 rules", "line 12") are the common case.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A leading underscore names a parameter an interface passes but this implementation ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    // Tests assert on parsed JSON and page data, which are `any` until an `expect` checks them.
    rules: Object.fromEntries(
      ['assignment', 'member-access', 'call', 'argument', 'return'].map((kind) => [`@typescript-eslint/no-unsafe-${kind}`, 'off']),
    ),
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
