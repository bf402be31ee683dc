import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@app/contracts';
import { BiometricStore, BiometricsEngine, TypeOrmBiometricSampleRepository, createBiometricsActivities } from '@app/biometrics';
import type { WorkerConfig } from '@app/config';
import { SealedBox } from '@app/crypto';

/**
 * The CPU-heavy queue: the ONNX face models (onnxruntime-node, one thread each) and face-api's
 * descriptor net on TensorFlow.js, loaded once before polling; `init()` rejects, naming the file,
 * when a model file is missing or altered, so the worker does not start. Model work runs one call
 * at a time on the main thread, so concurrency is 1 and capacity grows by running more processes
 * (one per core).
 */
export async function createBiometricsWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<Worker> {
  if (!config.BIOMETRICS_ENCRYPTION_KEY) throw new Error('BIOMETRICS_ENCRYPTION_KEY is required for the biometrics role');
  const engine = BiometricsEngine.shared();
  await engine.init();
  const store = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY'));
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter,
    taskQueue: TASK_QUEUES.biometrics,
    activities: createBiometricsActivities({ engine, store }),
    maxConcurrentActivityTaskExecutions: 1,
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
  });
}
