import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** An ONNX model file the engine loads, pinned by its sha256 (source and licence: libs/biometrics/models/README.md). */
export interface FaceModelFile {
  readonly file: string;
  readonly sha256: string;
  readonly role: string;
  /**
   * onnxruntime graph optimisation level, measured per model on this machine: 'all' adds NCHWc
   * layout transforms, which halve the detector's time but triple the embedding's (105 vs 35 ms).
   */
  readonly optimisation: 'all' | 'extended';
}

/** The ONNX models, taken from the npm tarball of faceplugin-face-recognition-js@0.0.1 (`model/`). */
export const FACE_MODEL_FILES = {
  detector: { file: 'fr_detect.onnx', sha256: '6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854', role: 'face detector, 320×240', optimisation: 'all' },
  landmarks: { file: 'fr_landmark.onnx', sha256: 'f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258', role: '68 landmarks, 64×64 grey', optimisation: 'all' },
  embedding: { file: 'fr_feature.onnx', sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581', role: '512-d embedding, 112×112 aligned', optimisation: 'extended' },
  eyes: { file: 'fr_eye.onnx', sha256: '1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de', role: 'eye open/closed, 24×24 grey', optimisation: 'all' },
  liveness: { file: 'fr_liveness.onnx', sha256: 'afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d', role: 'passive anti-spoof, 128×128', optimisation: 'extended' },
} as const satisfies Record<string, FaceModelFile>;

export type FaceModelName = keyof typeof FACE_MODEL_FILES;

/** Where the committed model files are: libs/biometrics/models, from the sources or from the compiled dist/ tree. */
export function defaultFaceModelsDir(): string {
  const candidates = [path.resolve(__dirname, '../../models'), path.resolve(__dirname, '../../../../../libs/biometrics/models')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/** A model file that is missing or is not the file that was measured: the worker must not start with it. */
export class FaceModelFileError extends Error {
  override readonly name = 'FaceModelFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a model file and checks its sha256; returns its absolute path. Throws {@link FaceModelFileError} naming the file. */
export async function verifiedModelPath(dir: string, model: FaceModelFile): Promise<string> {
  const file = path.join(dir, model.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new FaceModelFileError(file, `Face model ${file} (${model.role}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}. The models are committed under libs/biometrics/models.`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== model.sha256) {
    throw new FaceModelFileError(file, `Face model ${file} (${model.role}) has sha256 ${actual}, expected ${model.sha256}: the file was altered or replaced.`);
  }
  return file;
}
