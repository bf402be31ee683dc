import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@app/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** TypeORM options for MySQL/MariaDB from DATABASE_URL. Migrations only, never synchronize. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'mysql',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: config.DATABASE_POOL_SIZE,
    extra: { connectionLimit: config.DATABASE_POOL_SIZE },
  };
}

export function createDataSource(config: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}

/** Creates the database named in the URL when it does not exist yet (a fresh machine), using the same credentials. */
export async function ensureDatabase(config: DatabaseConfig): Promise<void> {
  const url = new URL(config.DATABASE_URL);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error('DATABASE_URL must name a database made of letters, digits and _');
  url.pathname = '/';
  const admin = new DataSource({ type: 'mysql', url: url.toString() });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
}
