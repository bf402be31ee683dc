import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@app/contracts';
import { BiometricStore, FaceEnginePool, TypeOrmBiometricSampleRepository, createBiometricsActivities } from '@app/biometrics';
import type { WorkerConfig } from '@app/config';
import { SealedBox } from '@app/crypto';

/**
 * The CPU-heavy queue: the face models (ONNX on onnxruntime-node, face-api's nets on TF.js WASM) on a
 * pool of worker threads, one copy of the models per thread, loaded before polling; `init()`
 * rejects, naming the file, when a model file is missing or altered, so the worker does not start.
 * A model call runs on the thread that makes it, so the pool is what lets one process use every
 * core: as many activities run at once as there are threads, and one activity's independent calls
 * (the three faces of a match, the frames of a video) spread over the threads too.
 */
export async function createBiometricsWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<{ worker: Worker; close: () => Promise<void> }> {
  if (!config.BIOMETRICS_ENCRYPTION_KEY) throw new Error('BIOMETRICS_ENCRYPTION_KEY is required for the biometrics role');
  const engine = FaceEnginePool.shared({ threads: config.BIOMETRICS_THREADS });
  try {
    await engine.init();
  } catch (error) {
    await engine.destroy();
    throw error;
  }
  const store = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY'));
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter,
    taskQueue: TASK_QUEUES.biometrics,
    activities: createBiometricsActivities({ engine, store }),
    maxConcurrentActivityTaskExecutions: engine.threads,
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
  });
  return { worker, close: () => engine.destroy() };
}
