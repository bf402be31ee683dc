/** `unit` needs nothing running; `integration` drives the real stack (MariaDB, Temporal, simulators); `browser` drives the web app on that stack in Chromium. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
const moduleNameMapper = {
  '^@app/models$': '<rootDir>/models/src',
  '^@app/workflows$': '<rootDir>/workflows/src',
  // The browser-safe module the web app imports by its own path (apps/web/vite.config.ts).
  '^@app/contracts/application$': '<rootDir>/libs/contracts/src/application.ts',
  '^@app/(.*)$': '<rootDir>/libs/$1/src',
};
// otplib's base32 and HMAC plugins are ES modules only (@scure/base, @noble/hashes): Jest compiles them like our own code.
const esmOnly = ['@scure/base', '@noble/hashes'];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.ts$': swc, [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swcJs },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmOnly.join('|')})/).*/node_modules/`],
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts', '<rootDir>/libs/*/test/**/*.spec.ts', '<rootDir>/apps/*/test/**/*.spec.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'], globalSetup: '<rootDir>/test/browser/global-setup.ts', globalTeardown: '<rootDir>/test/integration/global-teardown.ts', setupFilesAfterEnv: ['<rootDir>/test/integration/jest.setup.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'], globalSetup: '<rootDir>/test/integration/global-setup.ts', globalTeardown: '<rootDir>/test/integration/global-teardown.ts', setupFilesAfterEnv: ['<rootDir>/test/integration/jest.setup.ts'] },
  ],
};
