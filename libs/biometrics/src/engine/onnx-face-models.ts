import type { InferenceSession as OrtSession } from 'onnxruntime-node';
import { alignmentSampler, ARCFACE_TEMPLATE_112, fivePoints } from './face-alignment';
import type { Point } from './face-geometry';
import { defaultFaceModelsDir, FACE_MODEL_FILES, verifiedModelPath, type FaceModelName } from './face-model-files';
import type { Box } from './image-quality';
import { boxToOutput, sampleAffine, type RgbPixels } from './image-sampling';

type Ort = typeof import('onnxruntime-node');

/** A face box from the ONNX detector, in source pixels, with its confidence. */
export interface OnnxDetection {
  readonly box: Box;
  readonly score: number;
}

export interface OnnxDetectOptions {
  /** Confidence floor (default 0.65, the model's published operating point). */
  minScore?: number;
}

const DETECTOR_WIDTH = 320;
const DETECTOR_HEIGHT = 240;
const NMS_IOU = 0.4;

/**
 * The ONNX face models (detector, 68 landmarks, 512-d ArcFace-style embedding, eye state,
 * passive anti-spoof) on onnxruntime-node's CPU provider, one thread per session. Load with
 * {@link OnnxFaceModels.load}: every file's sha256 is checked first, so a missing or altered file
 * stops start-up with a message naming it.
 */
export class OnnxFaceModels {
  private constructor(
    private readonly ort: Ort,
    private readonly sessions: Record<FaceModelName, OrtSession>,
  ) {}

  static async load(dir = defaultFaceModelsDir()): Promise<OnnxFaceModels> {
    const paths = {} as Record<FaceModelName, string>;
    for (const name of Object.keys(FACE_MODEL_FILES) as FaceModelName[]) paths[name] = await verifiedModelPath(dir, FACE_MODEL_FILES[name]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as Ort;
    const sessions = {} as Record<FaceModelName, OrtSession>;
    for (const name of Object.keys(paths) as FaceModelName[]) {
      const options: OrtSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: FACE_MODEL_FILES[name].optimisation };
      sessions[name] = await ort.InferenceSession.create(paths[name], options);
    }
    return new OnnxFaceModels(ort, sessions);
  }

  /**
   * Faces in the image, largest first: the whole image stretched to 320×240 (RGB, (x−127)/128),
   * boxes ≥ `minScore`, non-maximum suppression, each box made square on its height (the crop
   * the landmark model was trained on).
   */
  async detect(image: RgbPixels, options: OnnxDetectOptions = {}): Promise<OnnxDetection[]> {
    const minScore = options.minScore ?? 0.65;
    const found = await this.detectIn(image, { x: 0, y: 0, width: image.width, height: image.height }, minScore);
    return nonMaximumSuppression(found, NMS_IOU)
      .map((d) => ({ ...d, box: squareOnHeight(d.box) }))
      .sort((p, q) => q.box.width * q.box.height - p.box.width * p.box.height);
  }

  /** The 68 iBUG landmarks in the (square) box: 64×64 grey crop ÷ 256, outputs relative to the box. */
  async landmarks(image: RgbPixels, box: Box): Promise<Point[]> {
    const input = sampleAffine(image, boxToOutput(box, 64, 64), 64, 64, { channels: 'grey', scale: 1 / 256, offset: 0 });
    const out = await this.run('landmarks', input, [1, 1, 64, 64]);
    const points: Point[] = [];
    for (let i = 0; i < 68; i++) points.push({ x: box.x + out[2 * i] * box.width, y: box.y + out[2 * i + 1] * box.height });
    return points;
  }

  /** The L2-normalised 512-d embedding of the face aligned onto the ArcFace 112×112 template. */
  async embed(image: RgbPixels, landmarks: readonly Point[]): Promise<Float32Array> {
    const map = alignmentSampler(fivePoints(landmarks), ARCFACE_TEMPLATE_112);
    const input = sampleAffine(image, map, 112, 112, { channels: 'rgb', scale: 1 / 128, offset: -127 / 128 });
    return l2normalise(await this.run('embedding', input, [1, 3, 112, 112]));
  }

  /**
   * Probability that each eye is open (fr_eye.onnx: 24×24 grey ÷ 255 of a square 1.6× the eye's
   * corner-to-corner width). Returns the mean of both eyes.
   */
  async eyesOpen(image: RgbPixels, landmarks: readonly Point[]): Promise<number> {
    const eye = async (from: number) => {
      let cx = 0;
      let cy = 0;
      for (let i = from; i < from + 6; i++) {
        cx += landmarks[i].x / 6;
        cy += landmarks[i].y / 6;
      }
      const side = Math.max(2, Math.hypot(landmarks[from + 3].x - landmarks[from].x, landmarks[from + 3].y - landmarks[from].y) * 1.6);
      const input = sampleAffine(image, boxToOutput({ x: cx - side / 2, y: cy - side / 2, width: side, height: side }, 24, 24), 24, 24, { channels: 'grey', scale: 1 / 255, offset: 0 });
      // Class 0 is "closed", class 1 "open" (checked on the fixtures: shut eyes in stock-emotions-b-1 score 1.00 on class 0).
      return softmax(await this.run('eyes', input, [1, 1, 24, 24]))[1];
    };
    return ((await eye(36)) + (await eye(42))) / 2;
  }

  /**
   * fr_liveness.onnx on a 128×128 RGB crop (0–255) of a square 2.7× the face box, as the
   * package's own code feeds it; softmax over its three classes (returned in model order).
   * See docs/biometrics.md for what this score does and does not show.
   */
  async passiveLiveness(image: RgbPixels, box: Box): Promise<number[]> {
    const side = Math.min(Math.max(box.width, box.height) * 2.7, Math.max(image.width, image.height));
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const input = sampleAffine(image, boxToOutput({ x: cx - side / 2, y: cy - side / 2, width: side, height: side }, 128, 128), 128, 128, { channels: 'rgb', scale: 1, offset: 0 });
    return softmax(await this.run('liveness', input, [1, 3, 128, 128]));
  }

  private async detectIn(image: RgbPixels, region: Box, minScore: number): Promise<OnnxDetection[]> {
    const input = sampleAffine(image, boxToOutput(region, DETECTOR_WIDTH, DETECTOR_HEIGHT), DETECTOR_WIDTH, DETECTOR_HEIGHT, { channels: 'rgb', scale: 1 / 128, offset: -127 / 128 });
    const feeds = { input: new this.ort.Tensor('float32', input, [1, 3, DETECTOR_HEIGHT, DETECTOR_WIDTH]) };
    const result = await this.sessions.detector.run(feeds);
    const scores = (result.scores).data as Float32Array;
    const boxes = (result.boxes).data as Float32Array;
    const out: OnnxDetection[] = [];
    for (let i = 0; i < scores.length / 2; i++) {
      const score = scores[2 * i + 1];
      if (score < minScore) continue;
      const x1 = region.x + boxes[4 * i] * region.width;
      const y1 = region.y + boxes[4 * i + 1] * region.height;
      const x2 = region.x + boxes[4 * i + 2] * region.width;
      const y2 = region.y + boxes[4 * i + 3] * region.height;
      if (x2 > x1 && y2 > y1) out.push({ box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, score });
    }
    return out;
  }

  private async run(name: FaceModelName, data: Float32Array, dims: number[]): Promise<Float32Array> {
    const session = this.sessions[name];
    const result = await session.run({ [session.inputNames[0]]: new this.ort.Tensor('float32', data, dims) });
    return (result[session.outputNames[0]]).data as Float32Array;
  }
}

function squareOnHeight(box: Box): Box {
  const side = box.height;
  return { x: box.x + box.width / 2 - side / 2, y: box.y, width: side, height: side };
}

export function iou(p: Box, q: Box): number {
  const w = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
  const h = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (p.width * p.height + q.width * q.height - inter);
}

function nonMaximumSuppression(detections: OnnxDetection[], threshold: number): OnnxDetection[] {
  const kept: OnnxDetection[] = [];
  for (const d of [...detections].sort((p, q) => q.score - p.score)) {
    if (kept.every((k) => iou(k.box, d.box) < threshold)) kept.push(d);
  }
  return kept;
}

function l2normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const k = 1 / (Math.sqrt(sum) || 1);
  return v.map((x) => x * k);
}

function softmax(v: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(v));
  const e = Array.from(v, (x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}
