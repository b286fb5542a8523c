// ESLint flat config. An .mjs file is ESM whatever package.json says, so it loads beside the CommonJS build.
// TypeScript (src/, test/, bench/) gets typescript-eslint's strict and stylistic type-checked rules, type-aware through
// tsconfig.test.json (the one project that covers all three folders); the few plain JS files get ESLint's recommended set.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'data/', 'bench/out/'] },
  // A disable comment that no longer disables anything is dead code too.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in messages and URLs (`${n} oordelen`, `'poging ' + i`) are intended; anything else must be a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/restrict-plus-operands': ['error', { allowNumberAndString: true }],
      // `||` on a string deliberately treats '' as missing (an empty env variable or form field); on booleans it is logic.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, boolean: true } }],
      // Stylistic wants `x!` where strict forbids it (no-non-null-assertion): the two fight, strict wins.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // Express declares its Request/Response as interfaces over IncomingMessage/ServerResponse, while at run time they
      // are instances of those classes; so handing `req` to a Node or middleware API is flagged although it is safe.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // The code's convention: `T[]` for simple element types, `Array<{ … }>` for inline object types.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // `(s) => console.log(s)` and Express's `return res.redirect(…)` end a handler; they are not confusing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `_`-prefixed names are deliberately unused (as tsc's noUnusedParameters allows); `{ id: _, ...rest }` omits a key.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  {
    // Tests probe untyped output (JSON.parse, supertest's `res.body`, `expect.any`) and assert on what they find:
    // a wrong shape or a missing element fails the assertion anyway.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
  },
  {
    files: ['bin/**/*.js', 'jest.config.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly' } },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', setTimeout: 'readonly' } },
  },
);
