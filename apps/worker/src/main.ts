import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel, type Worker } from '@temporalio/worker';
import { loadConfigOrExit, temporalConnectionSettings, workerSchema } from '@app/config';
import { createLogger } from '@app/observability';
import { encryptedDataConverter } from '@app/temporal-codec';
import { createDataSource } from '@app/models';
import { createBiometricsWorker } from './biometrics-worker';
import { createDocumentsWorker } from './documents-worker';
import { createOnboardingWorker } from './onboarding-worker';
import { createPkiWorker } from './pki-worker';

/**
 * A worker process serving the task queues named in WORKER_ROLES: a plain process that owns its Temporal connection and database pool,
 * runs until SIGINT/SIGTERM, and exits non-zero when the worker fails.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(workerSchema, 'worker');
  const logger = createLogger(config, 'worker');
  Runtime.install({
    logger: new DefaultLogger(config.LOG_LEVEL === 'silent' ? 'ERROR' : (config.LOG_LEVEL.toUpperCase() as LogLevel), (entry) => {
      const level = entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : entry.level === 'DEBUG' || entry.level === 'TRACE' ? 'debug' : 'info';
      logger[level]({ temporal: entry.meta }, entry.message);
    }),
  });

  const dataConverter = encryptedDataConverter(config.TEMPORAL_PAYLOAD_KEYS);
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(temporalConnectionSettings(config));
  try {
    const workers: Worker[] = [];
    const closers: Array<() => Promise<void>> = [];
    if (config.WORKER_ROLES.includes('onboarding')) workers.push(await createOnboardingWorker(config, connection, dataSource, dataConverter));
    if (config.WORKER_ROLES.includes('pki')) workers.push(await createPkiWorker(config, connection, dataSource, dataConverter));
    if (config.WORKER_ROLES.includes('biometrics')) {
      const biometrics = await createBiometricsWorker(config, connection, dataSource, dataConverter);
      workers.push(biometrics.worker);
      closers.push(biometrics.close);
    }
    if (config.WORKER_ROLES.includes('documents')) {
      const documents = await createDocumentsWorker(config, connection, dataSource, dataConverter);
      workers.push(documents.worker);
      closers.push(documents.close);
    }
    logger.info({ roles: config.WORKER_ROLES, namespace: config.TEMPORAL_NAMESPACE }, 'worker started');
    const running = Promise.all(workers.map((worker) => worker.run()));
    // Tell a supervising parent (npm start, tests) that the worker polls; the channel must not keep us alive.
    process.send?.('ready');
    process.channel?.unref();
    try {
      await running;
    } finally {
      for (const close of closers) await close();
    }
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
