import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, BiometricStore, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import type { WorkerConfig } from '@app/config';
import { TASK_QUEUES } from '@app/contracts';
import { SealedBox } from '@app/crypto';
import { DocumentReader, DocumentScanStore, createDocumentActivities } from '@app/documents';

/**
 * The OCR queue: a pool of tesseract workers (language data from Debian's packages) reading the
 * sealed scans; the portrait cut from the document is stored as a biometric sample for the match.
 */
export async function createDocumentsWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<{ worker: Worker; close: () => Promise<void> }> {
  if (!config.DOCUMENTS_ENCRYPTION_KEY || !config.BIOMETRICS_ENCRYPTION_KEY) {
    throw new Error('DOCUMENTS_ENCRYPTION_KEY and BIOMETRICS_ENCRYPTION_KEY are required for the documents role');
  }
  const reader = new DocumentReader({ tessdataDir: config.DOCUMENTS_TESSDATA_DIR });
  await reader.init();
  const biometrics = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY'));
  const uploads = new DocumentScanStore(dataSource, SealedBox.fromBase64(config.DOCUMENTS_ENCRYPTION_KEY, 'DOCUMENTS_ENCRYPTION_KEY'), {
    save: (applicationId, jpeg, frontRef) => biometrics.saveDerived({ applicationId, kind: BiometricSampleKind.DocumentPortrait, image: jpeg, derivedFrom: frontRef }),
  });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter,
    taskQueue: TASK_QUEUES.documents,
    activities: createDocumentActivities({ reader, uploads }),
    maxConcurrentActivityTaskExecutions: 2,
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
  });
  return { worker, close: () => reader.terminate() };
}
