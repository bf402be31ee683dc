import path from 'node:path';
import type { Tensor as TfTensor, Tensor4D as TfTensor4D } from '@tensorflow/tfjs';
import type { DecodedImage } from '../image-decoder';
import { alignmentSampler, DLIB_TEMPLATE_150, fivePoints } from './face-alignment';
import { estimateHeadPose, eyeAspectRatio, mouthWidthRatio, type HeadPose, type Point } from './face-geometry';
import { defaultFaceModelsDir } from './face-model-files';
import { regionQuality, type Box, type RegionQuality } from './image-quality';
import { planarToInterleaved, sampleAffine, type RgbPixels } from './image-sampling';
import { OnnxFaceModels, type OnnxDetection } from './onnx-face-models';
import { loadPassiveLivenessModels, type PassiveLivenessModels } from './passive-liveness-models';
import { loadTfRuntime, type TfBackendName, type TfRuntime, type TfRuntimeOptions } from './tf-runtime';

/**
 * The two templates of one face: the 512-d ArcFace-style embedding (ONNX, L2-normalised; cosine
 * similarity) and face-api's 128-d descriptor computed on the same five-point alignment (dlib's
 * 150-px chip; Euclidean distance). Matching fuses both (see `face-match.ts`).
 */
export interface FaceTemplates {
  readonly embedding: number[];
  readonly descriptor: number[];
}

/** One face found in an image, with everything the checks downstream need. Plain data (JSON-safe). */
export interface DetectedFace {
  /** Face box (square) in the analysed (downscaled) image's pixels. */
  readonly box: Box;
  /** Detector confidence 0–1. */
  readonly score: number;
  /** The 68 landmarks (iBUG layout), same pixel space as `box`. */
  readonly landmarks: Point[];
  /** 512-d ArcFace-style embedding; empty when the face was analysed without templates. */
  readonly embedding: number[];
  /** 128-d face-api descriptor on the aligned chip; empty when analysed without templates (or with `fast`). */
  readonly descriptor: number[];
  readonly pose: HeadPose;
  /** 68-point eye aspect ratio (kept for reference; it misses squints). */
  readonly eyeAspectRatio: number;
  /** Probability that the eyes are open (fr_eye.onnx, mean of both eyes: ~1 open, ~0 shut, ~0.5 one eye shut); null with `descriptorOnly`. */
  readonly eyeOpenness: number | null;
  /** Mouth width over outer-eye-corner distance; rises with a smile (the smile challenge compares it to the first frame). */
  readonly mouthWidthRatio: number;
  /** Probability of the "happy" expression (face-api's expression net on the aligned face); 0 unless asked for with `smile`. */
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
  /** human's `antispoof` net (128×128). */
  readonly antispoof: number;
  /** human's `liveness` net (32×32). */
  readonly liveness: number;
  /** fr_liveness.onnx's "real" class probability (evaluated beside human's; see docs/biometrics.md). */
  readonly onnxLive?: number;
}

export interface BiometricsEngineOptions extends TfRuntimeOptions {
  /** Detector confidence floor (default 0.65). */
  minDetectionConfidence?: number;
  /** Faces reported at most (default 10: enough to say "several faces"). */
  maxFaces?: number;
  /** Directory of the ONNX model files (default libs/biometrics/models). */
  modelsDir?: string;
}

export interface AnalyseOptions {
  /** Overrides the engine's face limit for this call (crowd photos in calibration). */
  maxFaces?: number;
  /** Only what matching needs (box, landmarks, pose, templates): skips eye state. */
  descriptorOnly?: boolean;
  /**
   * Which faces get matching templates: `main` (default: the largest face, all a selfie or a portrait
   * needs), `all` (crowd photos in calibration), `embedding` (the main face's ArcFace embedding only:
   * liveness frames) or `none` (pose and eyes only).
   */
  templates?: 'main' | 'all' | 'embedding' | 'none';
  /** Also run face-api's expression net for the "happy" probability (`smile`). */
  smile?: boolean;
  /** Measure brightness, contrast and sharpness (default true; liveness frames skip it). */
  quality?: boolean;
}

/**
 * The stages of face analysis behind one interface: detect → landmarks → align + embed → compare.
 * {@link BiometricsEngine} implements it; the selfie check, liveness, matching and the CLI use it.
 */
export interface FaceEngine {
  init(): Promise<void>;
  detect(image: RgbPixels): Promise<OnnxDetection[]>;
  landmarks(image: RgbPixels, box: Box): Promise<Point[]>;
  /** Aligns the face on its five points and computes both templates (`descriptor: false` skips face-api's). */
  templates(image: RgbPixels, landmarks: readonly Point[], options?: { descriptor?: boolean }): Promise<FaceTemplates>;
  /** face-api's 128-d descriptor alone, on the dlib five-point alignment. */
  descriptor(image: RgbPixels, landmarks: readonly Point[]): Promise<number[]>;
  /** face-api's "happy" probability for the face. */
  smile(image: RgbPixels, landmarks: readonly Point[]): Promise<number>;
  analyse(image: DecodedImage, options?: AnalyseOptions): Promise<ImageAnalysis>;
  /** `analyse` of many images with the same options (liveness frames), in order; a pool spreads them over its threads in a few calls. */
  analyseAll(images: readonly DecodedImage[], options?: AnalyseOptions): Promise<ImageAnalysis[]>;
  passiveLiveness(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore>;
}

/** What `quality: false` reports: nothing measured. */
const NO_QUALITY: RegionQuality = { brightness: NaN, contrast: NaN, sharpness: NaN, clipped: NaN };

/** Edge padding (mid-grey) for the second detection pass when nothing was found: the detector misses faces that fill the frame. */
const TIGHT_CROP_PADDING = 0.25;

/**
 * The face models of one process: the ONNX detector, 68 landmarks, ArcFace-style embedding, eye
 * state and anti-spoof nets (onnxruntime-node, CPU, one thread each) and, on TensorFlow.js, face-api's
 * 128-d recognition and expression nets plus human's passive anti-spoof nets. Everything loads from
 * disk once (`init()`), the ONNX files only after their sha256 matched; nothing is fetched. Use
 * {@link BiometricsEngine.shared} so a worker process holds one copy.
 */
export class BiometricsEngine implements FaceEngine {
  private static instance: BiometricsEngine | undefined;
  private ready: Promise<Models> | undefined;

  constructor(private readonly options: BiometricsEngineOptions = {}) {}

  /** The process-wide engine (lazy singleton); options apply on first call only. */
  static shared(options: BiometricsEngineOptions = {}): BiometricsEngine {
    BiometricsEngine.instance ??= new BiometricsEngine(options);
    return BiometricsEngine.instance;
  }

  /** Verifies and loads every model; rejects with a `FaceModelFileError` naming a missing or altered file. Loads once. */
  async init(): Promise<void> {
    await this.models();
  }

  /** The TF.js backend the face-api and human nets run on. */
  async backend(): Promise<TfBackendName> {
    return (await this.models()).runtime.backend;
  }

  /** Faces in the image, largest first; when none is found, searches again with the image padded (tight crops). */
  async detect(image: RgbPixels): Promise<OnnxDetection[]> {
    const { onnx } = await this.models();
    const minScore = this.options.minDetectionConfidence;
    const found = await onnx.detect(image, { minScore });
    if (found.length > 0) return found;
    const pad = Math.round(Math.max(image.width, image.height) * TIGHT_CROP_PADDING);
    const padded = padImage(image, pad);
    return (await onnx.detect(padded, { minScore })).map((d) => ({ ...d, box: { ...d.box, x: d.box.x - pad, y: d.box.y - pad } }));
  }

  async landmarks(image: RgbPixels, box: Box): Promise<Point[]> {
    return (await this.models()).onnx.landmarks(image, box);
  }

  async templates(image: RgbPixels, landmarks: readonly Point[], options: { descriptor?: boolean } = {}): Promise<FaceTemplates> {
    const models = await this.models();
    const embedding = Array.from(await models.onnx.embed(image, landmarks));
    const descriptor = options.descriptor === false ? [] : await this.alignedDescriptor(models, image, landmarks);
    return { embedding, descriptor };
  }

  async descriptor(image: RgbPixels, landmarks: readonly Point[]): Promise<number[]> {
    return this.alignedDescriptor(await this.models(), image, landmarks);
  }

  async smile(image: RgbPixels, landmarks: readonly Point[]): Promise<number> {
    return this.happy(await this.models(), image, landmarks);
  }

  /** Detects all faces with landmarks, pose, eye state, quality and (per `options.templates`) the matching templates. */
  async analyse(image: DecodedImage, options: AnalyseOptions = {}): Promise<ImageAnalysis> {
    const models = await this.models();
    const maxFaces = options.maxFaces ?? this.options.maxFaces ?? 10;
    const which = options.templates ?? 'main';
    const detections = (await this.detect(image)).slice(0, maxFaces);
    const faces: DetectedFace[] = [];
    for (const [i, detection] of detections.entries()) {
      const box = clampBox(detection.box, image);
      const landmarks = await models.onnx.landmarks(image, detection.box);
      const wantTemplates = which === 'all' || (i === 0 && which !== 'none');
      const templates = wantTemplates ? await this.templates(image, landmarks, { descriptor: which !== 'embedding' }) : { embedding: [], descriptor: [] };
      faces.push({
        box,
        score: detection.score,
        landmarks,
        ...templates,
        pose: estimateHeadPose(landmarks),
        eyeAspectRatio: eyeAspectRatio(landmarks).mean,
        eyeOpenness: options.descriptorOnly ? null : await models.onnx.eyesOpen(image, landmarks),
        mouthWidthRatio: mouthWidthRatio(landmarks),
        smile: options.smile && i === 0 ? await this.happy(models, image, landmarks) : 0,
        quality: options.quality === false ? NO_QUALITY : regionQuality(image, box),
      });
    }
    return { width: image.width, height: image.height, faces };
  }

  async analyseAll(images: readonly DecodedImage[], options?: AnalyseOptions): Promise<ImageAnalysis[]> {
    const out: ImageAnalysis[] = [];
    for (const image of images) out.push(await this.analyse(image, options));
    return out;
  }

  /** human's anti-spoof and liveness nets on a 1.4× square crop (as human crops it), and fr_liveness.onnx on its own 2.7× crop. */
  async passiveLiveness(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore> {
    const { runtime, passive, onnx } = await this.models();
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
    const onnxClasses = await onnx.passiveLiveness(image, face.box);
    return { antispoof: clamp01(scores[0]), liveness: clamp01(scores[1]), onnxLive: onnxClasses[1] };
  }

  private async alignedDescriptor({ runtime }: Models, image: RgbPixels, landmarks: readonly Point[]): Promise<number[]> {
    const chip = sampleAffine(image, alignmentSampler(fivePoints(landmarks), DLIB_TEMPLATE_150), 150, 150, { channels: 'rgb', scale: 1, offset: 0 });
    const input = runtime.tf.tensor3d(planarToInterleaved(chip, 150, 150), [150, 150, 3], 'int32');
    try {
      return Array.from((await runtime.faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input as never)) as Float32Array);
    } finally {
      input.dispose();
    }
  }

  /** face-api's "happy" probability on the face aligned like its descriptor (the expression net takes any face crop, resized to 112). */
  private async happy({ runtime }: Models, image: RgbPixels, landmarks: readonly Point[]): Promise<number> {
    const chip = sampleAffine(image, alignmentSampler(fivePoints(landmarks), DLIB_TEMPLATE_150), 150, 150, { channels: 'rgb', scale: 1, offset: 0 });
    const input = runtime.tf.tensor3d(planarToInterleaved(chip, 150, 150), [150, 150, 3], 'int32');
    try {
      const expressions = (await runtime.faceapi.nets.faceExpressionNet.predictExpressions(input)) as { happy: number };
      return expressions.happy;
    } finally {
      input.dispose();
    }
  }

  private models(): Promise<Models> {
    this.ready ??= (async () => {
      // The ONNX files first: a missing or altered model must stop start-up before anything else loads.
      const onnx = await OnnxFaceModels.load(this.options.modelsDir ?? defaultFaceModelsDir());
      const runtime = await loadTfRuntime(this.options);
      const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
      await runtime.faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
      await runtime.faceapi.nets.faceExpressionNet.loadFromDisk(dir);
      const passive = await loadPassiveLivenessModels(runtime.tf);
      return { onnx, runtime, passive };
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }
}

interface Models {
  onnx: OnnxFaceModels;
  runtime: TfRuntime;
  passive: PassiveLivenessModels;
}

/** The image on a mid-grey canvas `pad` pixels wider on every side (mirrored padding would create phantom faces). */
function padImage(image: RgbPixels, pad: number): RgbPixels {
  const width = image.width + 2 * pad;
  const height = image.height + 2 * pad;
  const data = new Uint8Array(width * height * 3).fill(128);
  for (let y = 0; y < image.height; y++) {
    data.set(image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3), ((y + pad) * width + pad) * 3);
  }
  return { data, width, height };
}

function clampBox(box: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, width: Math.min(image.width, box.x + box.width) - x, height: Math.min(image.height, box.y + box.height) - y };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
