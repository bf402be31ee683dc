import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { DecodedImage } from '../image-decoder';
import type { AnalyseOptions, BiometricsEngineOptions, DetectedFace, FaceEngine, FaceTemplates, ImageAnalysis, PassiveLivenessScore } from './biometrics-engine';
import type { EngineCall } from './engine-thread';
import type { Point } from './face-geometry';
import { defaultFaceModelsDir, FACE_MODEL_FILES, verifiedModelPath } from './face-model-files';
import type { Box } from './image-quality';
import type { RgbPixels } from './image-sampling';
import type { OnnxDetection } from './onnx-face-models';
import type { TfBackendName } from './tf-runtime';

export interface FaceEnginePoolOptions extends BiometricsEngineOptions {
  /** Threads, each with its own copy of the models (≈ 150 MB); default one per core. */
  threads?: number;
}

/**
 * The face engine on a pool of worker threads, one `BiometricsEngine` per thread. onnxruntime-node
 * and TF.js WASM run a model call on the thread that makes it, so in one thread every face of a
 * three-way match and every liveness frame waits for the previous one while the other cores idle;
 * here independent calls (the three images of a match, the frames of a session, two activities at
 * once) run side by side. Same models, same code, same numbers: only where they run differs.
 * Images are copied to the thread (≈ 1 ms for a 1024-px photo).
 */
export class FaceEnginePool implements FaceEngine {
  private static instance: FaceEnginePool | undefined;
  private pool: Piscina<EngineCall, unknown> | undefined;
  private ready: Promise<Piscina<EngineCall, unknown>> | undefined;
  readonly threads: number;

  constructor(private readonly options: FaceEnginePoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
  }

  /** The process-wide pool (lazy singleton); options apply on first call only. */
  static shared(options: FaceEnginePoolOptions = {}): FaceEnginePool {
    FaceEnginePool.instance ??= new FaceEnginePool(options);
    return FaceEnginePool.instance;
  }

  /**
   * Checks every model file here first (a missing or altered one rejects with `FaceModelFileError`
   * naming it, as `BiometricsEngine.init` does, and no thread starts), then starts the threads and
   * waits until each has loaded its models. Loads once; every call waits for it.
   */
  async init(): Promise<void> {
    await this.started();
  }

  async backend(): Promise<TfBackendName> {
    return (await this.run({ method: 'backend' })) as TfBackendName;
  }

  async detect(image: RgbPixels): Promise<OnnxDetection[]> {
    return (await this.run({ method: 'detect', image: pixels(image) })) as OnnxDetection[];
  }

  async landmarks(image: RgbPixels, box: Box): Promise<Point[]> {
    return (await this.run({ method: 'landmarks', image: pixels(image), box })) as Point[];
  }

  async templates(image: RgbPixels, landmarks: readonly Point[], options?: { descriptor?: boolean }): Promise<FaceTemplates> {
    return (await this.run({ method: 'templates', image: pixels(image), landmarks, options })) as FaceTemplates;
  }

  async descriptor(image: RgbPixels, landmarks: readonly Point[]): Promise<number[]> {
    return (await this.run({ method: 'descriptor', image: pixels(image), landmarks })) as number[];
  }

  async smile(image: RgbPixels, landmarks: readonly Point[]): Promise<number> {
    return (await this.run({ method: 'smile', image: pixels(image), landmarks })) as number;
  }

  async analyse(image: DecodedImage, options?: AnalyseOptions): Promise<ImageAnalysis> {
    return (await this.run({ method: 'analyse', image, options })) as ImageAnalysis;
  }

  /**
   * The images in one contiguous batch per thread, one call each: tiny calls (a liveness frame is
   * ~20 ms) would otherwise spend as long waiting for a busy machine to wake the threads as working.
   */
  async analyseAll(images: readonly DecodedImage[], options?: AnalyseOptions): Promise<ImageAnalysis[]> {
    const size = Math.ceil(images.length / this.threads);
    const batches: DecodedImage[][] = [];
    for (let i = 0; i < images.length; i += size) batches.push(images.slice(i, i + size));
    const results = await Promise.all(batches.map((batch) => this.run({ method: 'analyseAll', images: batch, options }) as Promise<ImageAnalysis[]>));
    return results.flat();
  }

  async passiveLiveness(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore> {
    return (await this.run({ method: 'passiveLiveness', image, face })) as PassiveLivenessScore;
  }

  /** Stops the threads (shutdown, tests). */
  async destroy(): Promise<void> {
    if (FaceEnginePool.instance === this) FaceEnginePool.instance = undefined;
    const pool = this.pool;
    this.pool = undefined;
    this.ready = undefined;
    await pool?.destroy();
  }

  private async run(call: EngineCall): Promise<unknown> {
    return (await this.started()).run(call);
  }

  private started(): Promise<Piscina<EngineCall, unknown>> {
    this.ready ??= (async () => {
      const dir = this.options.modelsDir ?? defaultFaceModelsDir();
      for (const model of Object.values(FACE_MODEL_FILES)) await verifiedModelPath(dir, model);
      const { threads: _threads, ...engine } = this.options;
      const filename = path.join(__dirname, `engine-thread${path.extname(__filename)}`);
      const pool = new Piscina<EngineCall, unknown>({
        filename,
        minThreads: this.threads,
        maxThreads: this.threads,
        idleTimeout: Infinity,
        // The model calls await promises (onnxruntime's run, TF.js): threads keep their event loop between tasks.
        atomics: 'disabled',
        workerData: { engine },
        // From the sources (development, tests) the threads compile TypeScript as the process does.
        ...(filename.endsWith('.ts') ? { execArgv: ['-r', '@swc-node/register'] } : {}),
      });
      this.pool = pool;
      try {
        // One call per thread: a thread takes one call at a time, so these land on distinct threads.
        await Promise.all(Array.from({ length: this.threads }, () => pool.run({ method: 'init' })));
      } catch (error) {
        await this.destroy();
        throw error;
      }
      return pool;
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }
}

/** Only the pixels travel (a DecodedImage's other fields are not needed by the pixel-level calls). */
const pixels = (image: RgbPixels): RgbPixels => ({ data: image.data, width: image.width, height: image.height });
