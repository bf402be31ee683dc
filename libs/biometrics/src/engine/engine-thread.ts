import { workerData } from 'node:worker_threads';
import type { DecodedImage } from '../image-decoder';
import { BiometricsEngine, type AnalyseOptions, type BiometricsEngineOptions, type DetectedFace } from './biometrics-engine';
import type { Point } from './face-geometry';
import type { Box } from './image-quality';
import type { RgbPixels } from './image-sampling';

/**
 * One thread of {@link FaceEnginePool}: a `BiometricsEngine` of its own (its own onnxruntime
 * sessions and TF.js runtime, loaded once when the thread starts), serving one call at a time.
 */
const engine = new BiometricsEngine((workerData as { engine?: BiometricsEngineOptions } | undefined)?.engine ?? {});
const ready = engine.init();
// Awaited by every call; this only keeps a failed load from counting as unhandled before the first one.
ready.catch(() => undefined);

export type EngineCall =
  | { method: 'init' }
  | { method: 'backend' }
  | { method: 'detect'; image: RgbPixels }
  | { method: 'landmarks'; image: RgbPixels; box: Box }
  | { method: 'templates'; image: RgbPixels; landmarks: readonly Point[]; options?: { descriptor?: boolean } }
  | { method: 'descriptor'; image: RgbPixels; landmarks: readonly Point[] }
  | { method: 'smile'; image: RgbPixels; landmarks: readonly Point[] }
  | { method: 'analyse'; image: DecodedImage; options?: AnalyseOptions }
  | { method: 'analyseAll'; images: DecodedImage[]; options?: AnalyseOptions }
  | { method: 'passiveLiveness'; image: DecodedImage; face: DetectedFace };

export default async function call(task: EngineCall): Promise<unknown> {
  await ready;
  switch (task.method) {
    case 'init':
      return undefined;
    case 'backend':
      return engine.backend();
    case 'detect':
      return engine.detect(task.image);
    case 'landmarks':
      return engine.landmarks(task.image, task.box);
    case 'templates':
      return engine.templates(task.image, task.landmarks, task.options);
    case 'descriptor':
      return engine.descriptor(task.image, task.landmarks);
    case 'smile':
      return engine.smile(task.image, task.landmarks);
    case 'analyse':
      return engine.analyse(task.image, task.options);
    case 'analyseAll':
      return engine.analyseAll(task.images, task.options);
    case 'passiveLiveness':
      return engine.passiveLiveness(task.image, task.face);
  }
}
