import { resolve } from 'node:path';
import { runCaCli } from '../libs/pki/src/ca-cli';
import { ROOT, devDatabaseUrl, devSecrets } from './stack';

/**
 * `npm run ca -- init|show`. On a developer machine it works on `npm start`'s database with its
 * secrets (.data/dev-secrets.json); DATABASE_URL, PKI_CA_KEY_ENCRYPTION_KEY and PUBLIC_BASE_URL in
 * the environment win, as in production.
 */
process.env.DATABASE_URL ??= devDatabaseUrl();
process.env.PKI_CA_KEY_ENCRYPTION_KEY ??= devSecrets(resolve(ROOT, '.data/dev-secrets.json')).PKI_CA_KEY_ENCRYPTION_KEY;
process.env.PUBLIC_BASE_URL ??= 'http://127.0.0.1:3000';
runCaCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ca: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
