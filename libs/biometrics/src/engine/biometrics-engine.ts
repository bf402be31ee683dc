import path from 'node:path';
import type { Tensor as TfTensor, Tensor4D as TfTensor4D } from '@tensorflow/tfjs';
import type { DecodedImage } from '../image-decoder';
import { EyeMesh, type EyeMeasurement } from './eye-mesh';
import { estimateHeadPose, eyeAspectRatio, mouthWidthRatio, type HeadPose, type Point } from './face-geometry';
import { regionQuality, type Box, type RegionQuality } from './image-quality';
import { loadPassiveLivenessModels, type PassiveLivenessModels } from './passive-liveness-models';
import { loadTfRuntime, type TfBackendName, type TfRuntime, type TfRuntimeOptions } from './tf-runtime';

/** One face found in an image, with everything the checks downstream need. Plain data (JSON-safe). */
export interface DetectedFace {
  /** Face box in the analysed (downscaled) image's pixels. */
  readonly box: Box;
  /** Detector confidence 0–1. */
  readonly score: number;
  /** The 68 landmarks (iBUG layout), same pixel space as `box`. */
  readonly landmarks: Point[];
  /** 128-d face descriptor; Euclidean distance between two is the match distance. */
  readonly descriptor: number[];
  readonly pose: HeadPose;
  /** 68-point eye aspect ratio (kept for reference; it misses squints). */
  readonly eyeAspectRatio: number;
  /** Eye openness from human's face mesh (mean of both eyes, ~0.3–0.45 open, < ~0.15 closed); null if the mesh found no face here or with `descriptorOnly`. */
  readonly eyeOpenness: number | null;
  readonly mouthWidthRatio: number;
  /** Probability of the "happy" expression (face-api's expression net), the smile signal; 0 when analysed with `descriptorOnly`. */
  readonly smile: number;
  readonly quality: RegionQuality;
}

export interface ImageAnalysis {
  readonly width: number;
  readonly height: number;
  /** Largest face first. */
  readonly faces: DetectedFace[];
}

/** Passive presentation-attack scores for one face (0–1, higher = more likely a live person). */
export interface PassiveLivenessScore {
  readonly antispoof: number;
  readonly liveness: number;
}

export interface BiometricsEngineOptions extends TfRuntimeOptions {
  /** SSD detector confidence floor (default 0.5). */
  minDetectionConfidence?: number;
  /** Faces reported at most (default 10: enough to say "several faces"). */
  maxFaces?: number;
}

export interface AnalyseOptions {
  /** Overrides the engine's face limit for this call (crowd photos in calibration). */
  maxFaces?: number;
  /** Only what matching needs (box, landmarks, descriptor): skips the expression net and the eye mesh. */
  descriptorOnly?: boolean;
}

/** Padding added around an image when nothing was found: the SSD detector misses faces that fill the whole frame (document portraits). */
const TIGHT_CROP_PADDING = 0.35;

/**
 * The face models of one process: detector (SSD MobileNet v1), 68 landmarks, expressions and the
 * 128-d recognition net from @vladmandic/face-api, plus @vladmandic/human's passive anti-spoof and
 * liveness nets. Weights load from the installed packages once (`init()`); nothing is fetched.
 * Use {@link BiometricsEngine.shared} so a worker process holds one copy.
 */
export class BiometricsEngine {
  private static instance: BiometricsEngine | undefined;
  private ready: Promise<Models> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BiometricsEngineOptions = {}) {}

  /** The process-wide engine (lazy singleton); options apply on first call only. */
  static shared(options: BiometricsEngineOptions = {}): BiometricsEngine {
    BiometricsEngine.instance ??= new BiometricsEngine(options);
    return BiometricsEngine.instance;
  }

  /** Loads the backend and all weights; safe to call many times (loads once). */
  async init(): Promise<void> {
    await this.models();
  }

  /** The TF.js backend in use, once initialised. */
  async backend(): Promise<TfBackendName> {
    return (await this.models()).runtime.backend;
  }

  /** Detects all faces with landmarks, pose, eye state, smile, quality and descriptor. */
  async analyse(image: DecodedImage, options: AnalyseOptions = {}): Promise<ImageAnalysis> {
    return this.exclusive(() => this.analyseNow(image, options));
  }

  private async analyseNow(image: DecodedImage, options: AnalyseOptions): Promise<ImageAnalysis> {
    const models = await this.models();
    const maxFaces = options.maxFaces ?? this.options.maxFaces ?? 10;
    const full = !options.descriptorOnly;
    let faces = await this.detect(models, image, 0, maxFaces, full);
    if (faces.length === 0) faces = await this.detect(models, image, TIGHT_CROP_PADDING, maxFaces, full);
    faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    return { width: image.width, height: image.height, faces };
  }

  /** Runs the passive anti-spoof and liveness nets on a face's square crop (1.4× the box, as human crops it). */
  async passiveLiveness(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore> {
    return this.exclusive(() => this.passiveLivenessNow(image, face));
  }

  private async passiveLivenessNow(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore> {
    const { runtime, passive } = await this.models();
    const tf = runtime.tf;
    const side = Math.max(face.box.width, face.box.height) * 1.4;
    const cx = face.box.x + face.box.width / 2;
    const cy = face.box.y + face.box.height / 2;
    const y1 = (cy - side / 2) / image.height;
    const x1 = (cx - side / 2) / image.width;
    const y2 = (cy + side / 2) / image.height;
    const x2 = (cx + side / 2) / image.width;
    const scores = tf.tidy(() => {
      const pixels = tf.tensor4d(image.data, [1, image.height, image.width, 3], 'float32');
      const crop = tf.div<TfTensor4D>(tf.image.cropAndResize(pixels, [[y1, x1, y2, x2]], [0], [128, 128]), 255);
      const real = passive.antispoof.execute(crop) as TfTensor;
      const live = passive.liveness.execute(tf.image.resizeBilinear(crop, [32, 32])) as TfTensor;
      return [real.dataSync()[0], live.dataSync()[0]];
    });
    return { antispoof: clamp01(scores[0]), liveness: clamp01(scores[1]) };
  }

  /**
   * Runs model work one call at a time. human keeps per-module caches between its detector and
   * mesh stages, so interleaved calls could mix faces; and the WASM backend is single-threaded,
   * so serialising costs no throughput (decoding still overlaps, it runs on sharp's threads).
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private models(): Promise<Models> {
    this.ready ??= (async () => {
      const runtime = await loadTfRuntime(this.options);
      const { faceapi } = runtime;
      const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
      await faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
      await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
      await faceapi.nets.faceExpressionNet.loadFromDisk(dir);
      await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
      const passive = await loadPassiveLivenessModels(runtime.tf);
      const eyes = await EyeMesh.load(runtime);
      return { runtime, passive, eyes };
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private async detect({ runtime, eyes }: Models, image: DecodedImage, padding: number, maxFaces: number, full: boolean): Promise<DetectedFace[]> {
    const { faceapi, tf } = runtime;
    const padX = Math.round(image.width * padding);
    const padY = Math.round(image.height * padding);
    const input = tf.tidy(() => {
      const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      if (padding === 0) return pixels;
      // Mid-grey padding: mirrored padding would create phantom faces.
      return tf.pad(pixels, [[padY, padY], [padX, padX], [0, 0]], 128);
    });
    try {
      const options = new faceapi.SsdMobilenetv1Options({ minConfidence: this.options.minDetectionConfidence ?? 0.5, maxResults: maxFaces });
      const landmarked = faceapi.detectAllFaces(input, options).withFaceLandmarks();
      const results: Array<Awaited<ReturnType<typeof landmarked.withFaceDescriptors>>[number] & { expressions?: { happy: number } }> = full
        ? await landmarked.withFaceExpressions().withFaceDescriptors()
        : await landmarked.withFaceDescriptors();
      if (results.length === 0) return [];
      let eyeMeasurements: EyeMeasurement[] = [];
      if (full) {
        const batch = tf.tidy(() => tf.expandDims(tf.cast(input, 'float32'), 0));
        eyeMeasurements = await eyes.measure(batch).finally(() => batch.dispose());
      }
      return results.map((r) => {
        const b = r.detection.box;
        const box = clampBox({ x: b.x - padX, y: b.y - padY, width: b.width, height: b.height }, image);
        const landmarks = r.landmarks.positions.map((p) => ({ x: p.x - padX, y: p.y - padY }));
        return {
          box,
          score: r.detection.score,
          landmarks,
          descriptor: Array.from(r.descriptor),
          pose: estimateHeadPose(landmarks),
          eyeAspectRatio: eyeAspectRatio(landmarks).mean,
          eyeOpenness: nearestEyes(eyeMeasurements, { x: b.x + b.width / 2, y: b.y + b.height / 2 }, b.width)?.openness ?? null,
          mouthWidthRatio: mouthWidthRatio(landmarks),
          smile: r.expressions?.happy ?? 0,
          quality: regionQuality(image, box),
        };
      });
    } finally {
      input.dispose();
    }
  }
}

interface Models {
  runtime: TfRuntime;
  passive: PassiveLivenessModels;
  eyes: EyeMesh;
}

/** The mesh face whose centre lies within half a box width of the detection's centre (both in padded-input pixels). */
function nearestEyes(measurements: EyeMeasurement[], centre: Point, width: number): EyeMeasurement | undefined {
  let best: EyeMeasurement | undefined;
  let bestDistance = width / 2;
  for (const m of measurements) {
    const d = Math.hypot(m.centre.x - centre.x, m.centre.y - centre.y);
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

function clampBox(box: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, width: Math.min(image.width, box.x + box.width) - x, height: Math.min(image.height, box.y + box.height) - y };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
