// @ts-check
// The linters `npm test` runs (`npm run lint`): ESLint's and typescript-eslint's recommended
// rules, the type-checked ones included, over every TypeScript file (lib/, spec/, bench/), and
// the plain recommended rules over the few JavaScript files (scripts and configs).
//
// Not `stylisticTypeChecked`: 102 of its 142 findings were `dot-notation` asking for `a.b` where
// the code deliberately writes `record['b']` for a field read from an index signature (a wire
// or REST object whose fields may be absent), and the rest were matters of taste
// (`class-literal-property-style`, `consistent-type-definitions`, `prefer-for-of`) that catch no bug.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals, for the JavaScript files (the `globals` package is not a dependency). */
const NODE_GLOBALS = /** @type {const} */ ({
  console: 'readonly',
  process: 'readonly',
  module: 'writable',
  require: 'readonly',
  __dirname: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
});

export default tseslint.config(
  // Generated, installed or vendored files; docs/ holds no code but the Markdown examples, which
  // are copies of spec/examples (checked by spec/examples/docs.spec.ts).
  { ignores: ['dist/', 'coverage/', 'docs/', 'node_modules/', '.tmp/', 'api/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // tsconfig.json covers lib/ and spec/, bench/tsconfig.json covers bench/.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    // A disable comment that silences nothing is an error, so none outlives its reason
    // (spec/package/lint.spec.ts checks that each one gives its reason after ` -- `).
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The TypeScript compiler's own convention: a leading `_` marks a binding that is unused on
      // purpose, and `const { type: _type, ...rest } = event` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A subscription declared before the teardown closures that read it can only be a `let`:
      // `subscribe` may call them before it returns, and a `const` would still be in its TDZ.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `interface ResourceView<E> extends ReadonlyMap<string, E> {}` names a public type for its
      // documentation; an empty interface with no supertype is still an error.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['spec/**/*.ts'],
    rules: {
      // `expect(x).toEqual(expect.objectContaining(...))` and friends are typed `any` by
      // @types/jest; and tests read `JSON.parse` of a process's output or of a REST answer to
      // assert on it, where a decoder would only restate the expectation.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // The compiler's `noUnusedLocals` already reports a binding nothing reads, and it counts
      // `typeof x` as a read, which is how the type tests (`assertType<Equals<typeof x, …>>()`)
      // inspect what an expression infers; this rule would have them invent a use.
      '@typescript-eslint/no-unused-vars': 'off',
      // Tests assert on terminal output, whose escape sequences and control characters are the subject.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: NODE_GLOBALS },
  },
);
