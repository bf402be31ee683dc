import { resolve } from 'node:path';
import { runStaffCli } from '../apps/api/src/auth/staff-cli';
import { ROOT, devDatabaseUrl, devSecrets } from './stack';

/**
 * `npm run staff -- …`: the staff accounts tool. On a developer machine it works on `npm start`'s
 * database with its secrets (.data/dev-secrets.json); DATABASE_URL and STAFF_SECRETS_KEY in the
 * environment win, as in production.
 */
process.env.DATABASE_URL ??= devDatabaseUrl();
process.env.STAFF_SECRETS_KEY ??= devSecrets(resolve(ROOT, '.data/dev-secrets.json')).STAFF_SECRETS_KEY;
runStaffCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`staff: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
