/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // Sources import siblings with the `.js` extension that their ESM build needs.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Examples import the package by name, exactly as the docs show them.
    '^dockercloud-rx$': '<rootDir>/lib/index.ts',
    '^dockercloud-rx/(testing|node|emulator|jetstream)$': '<rootDir>/lib/$1/index.ts',
  },
};
