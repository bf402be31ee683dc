import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@app/contracts';
import type { WorkerConfig } from '@app/config';
import { createPki, createPkiActivities } from '@app/pki';

/**
 * The certification authority's queue: НУЦ applications, issuance and installation run here, in a
 * process of their own, so the CA's signing key is used where the workflows send work, not in the
 * internet-facing API.
 */
export async function createPkiWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<Worker> {
  if (!config.PKI_CA_KEY_ENCRYPTION_KEY) throw new Error('PKI_CA_KEY_ENCRYPTION_KEY is required for the pki role');
  const pki = await createPki(dataSource, {
    caKeyEncryptionKey: config.PKI_CA_KEY_ENCRYPTION_KEY,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    annulAfterMonths: config.NUC_ANNUL_AFTER_MONTHS,
    certificatePolicy: { cpsUrl: config.PKI_CPS_URL },
  });
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter,
    taskQueue: TASK_QUEUES.pki,
    activities: createPkiActivities({ applications: pki.applications, authority: pki.authority, crl: pki.crl, cms: pki.cms, revoke: (serial, reason) => pki.revoke(serial, reason) }),
    maxConcurrentActivityTaskExecutions: 4,
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
  });
}
