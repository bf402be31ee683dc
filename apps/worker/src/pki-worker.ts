import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { CRL_PUBLICATION_WORKFLOW_TYPE, TASK_QUEUES } from '@app/contracts';
import { temporalConnectionSettings, type WorkerConfig } from '@app/config';
import { createPki, createPkiActivities, type Pki } from '@app/pki';

export const CRL_SCHEDULE_ID = 'crl-publication';

/**
 * The certification authority's queue: НУЦ applications, issuance, installation, CRLs and the API's
 * delegated OCSP certificates run here, in a process of its own: the only one that unseals the CA
 * keys (the internet-facing API reads the CA's certificates only). In production the CA must exist
 * (`npm run ca -- init`); it is never created silently.
 */
export async function createPkiWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<Worker> {
  if (!config.PKI_CA_KEY_ENCRYPTION_KEY) throw new Error('PKI_CA_KEY_ENCRYPTION_KEY is required for the pki role');
  const pki = await createPki(dataSource, {
    caKeyEncryptionKey: config.PKI_CA_KEY_ENCRYPTION_KEY,
    createCaIfMissing: config.NODE_ENV !== 'production',
    publicBaseUrl: config.PUBLIC_BASE_URL,
    annulAfterMonths: config.NUC_ANNUL_AFTER_MONTHS,
    certificatePolicy: { cpsUrl: config.PKI_CPS_URL },
  });
  // CRLs exist from the first moment the API serves them; the schedule keeps them fresh.
  await pki.crl.publishBase(new Date(), { onlyIfDue: true });
  await pki.crl.publishRoot(new Date(), { onlyIfDue: true });
  await pki.crl.publishDelta();
  if (config.PKI_CRL_SCHEDULE) await ensureCrlSchedule(config, dataConverter, pki);
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

/**
 * One Temporal schedule for the cluster starts crlPublicationWorkflow every delta interval (base
 * CRLs when due, a delta each tick); every pki worker makes sure it exists, the first one creates it.
 */
async function ensureCrlSchedule(config: WorkerConfig, dataConverter: DataConverter, pki: Pki): Promise<void> {
  const connection = await Connection.connect(temporalConnectionSettings(config));
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    await client.schedule.create({
      scheduleId: CRL_SCHEDULE_ID,
      spec: { intervals: [{ every: pki.options.deltaCrlRefreshIntervalMs }] },
      action: { type: 'startWorkflow', workflowType: CRL_PUBLICATION_WORKFLOW_TYPE, taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId: CRL_SCHEDULE_ID, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: pki.options.deltaCrlRefreshIntervalMs },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  } finally {
    await connection.close();
  }
}
