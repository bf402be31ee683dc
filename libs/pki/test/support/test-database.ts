import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { PKI_ENTITIES, PKI_MIGRATIONS } from '@app/pki';

const SERVER = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

/** Creates a fresh database of this test's own and returns a migrated DataSource on it. */
export async function openTestDatabase(name: string): Promise<DataSource> {
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``).then(() => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)));
  const dataSource = new DataSource({
    type: 'mysql',
    ...SERVER,
    username: SERVER.user,
    database: name,
    entities: PKI_ENTITIES,
    migrations: PKI_MIGRATIONS,
    timezone: 'Z',
    charset: 'utf8mb4',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** Closes the DataSource and drops the database. */
export async function dropTestDatabase(dataSource: DataSource | undefined, name: string): Promise<void> {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

async function withServer(run: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<unknown>): Promise<void> {
  const c = await createConnection(SERVER);
  try {
    await run(c);
  } finally {
    await c.end();
  }
}
