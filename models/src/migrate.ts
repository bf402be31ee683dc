import { databaseSchema, loadConfigOrExit } from '@app/config';
import { createDataSource, ensureDatabase } from './data-source';

/** `npm run migrate`: create the database if missing and apply pending migrations. Safe to run from several processes. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(databaseSchema, 'migrate');
  await ensureDatabase(config);
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    // Several processes may start at once: one applies, the others wait and find nothing to do.
    await dataSource.query("SELECT GET_LOCK('onboarding_migrations', 120)");
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query("SELECT RELEASE_LOCK('onboarding_migrations')");
    process.stdout.write(`migrations: ${applied.length} applied${applied.map((m) => `\n  ${m.name}`).join('')}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${(error as Error).message}\n`);
  process.exit(1);
});
