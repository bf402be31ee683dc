import { createHash, randomUUID } from 'node:crypto';
import type { SealedBox } from '@app/crypto';
import { BiometricSampleError, BiometricSampleErrorCode } from '../errors';
import type { ComparableFace } from '../face-match';
import { decodeImage, type DecodeImageOptions } from '../image-decoder';

export enum BiometricSampleKind {
  Selfie = 'selfie',
  DocumentPortrait = 'document_portrait',
  RegisterPhoto = 'register_photo',
  LivenessFrame = 'liveness_frame',
}

/** A row as the repository keeps it: only sealed bytes, never plaintext biometrics. */
export interface SealedBiometricSample {
  id: string;
  applicationId: string;
  kind: string;
  sealedImage: Buffer | null;
  sealedDescriptor: Buffer | null;
  /** The video-identification session a frame belongs to. */
  livenessSessionId?: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** The narrow persistence the store needs (TypeORM implementation: TypeOrmBiometricSampleRepository). */
export interface BiometricSampleRepository {
  insert(sample: SealedBiometricSample): Promise<void>;
  findById(id: string): Promise<SealedBiometricSample | null>;
  /** Ids and receipt times of the frames of one session of one application, oldest first. */
  findSessionFrames(applicationId: string, sessionId: string): Promise<Array<{ id: string; createdAt: Date }>>;
  /** The first sample of a kind of an application (e.g. its register photo), if any. */
  findFirstOfKind(applicationId: string, kind: string): Promise<{ id: string } | null>;
  /** Replaces the sealed face (descriptor) of a sample; returns whether the sample exists. */
  updateSealedDescriptor(id: string, sealedDescriptor: Buffer): Promise<boolean>;
  /** Sets decided_at on every undecided sample of the application; returns how many. */
  markDecided(applicationId: string, decidedAt: Date): Promise<number>;
  /** Deletes samples decided before the cutoff; returns how many. */
  deleteDecidedBefore(cutoff: Date): Promise<number>;
}

export interface BiometricSample {
  readonly id: string;
  readonly applicationId: string;
  readonly kind: BiometricSampleKind;
  readonly image?: Buffer;
  /** The analysed face (descriptor, pose, size) once computed, so later matching need not run the models again. */
  readonly face?: ComparableFace;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

/**
 * Biometric data at rest: images and descriptors sealed with AES-256-GCM (SealedBox), the
 * context binding each blob to its row and part so blobs cannot be swapped between rows.
 * Retention: `markDecided` when the application is decided, `purgeDecided(olderThan)` on a schedule.
 */
export class BiometricStore {
  constructor(
    private readonly repository: BiometricSampleRepository,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Seals and stores a sample; returns its id. */
  async save(sample: { applicationId: string; kind: BiometricSampleKind; image?: Buffer; face?: ComparableFace; livenessSessionId?: string }): Promise<string> {
    const id = randomUUID();
    await this.repository.insert(this.sealed(id, sample));
    return id;
  }

  private sealed(id: string, sample: { applicationId: string; kind: BiometricSampleKind; image?: Buffer; face?: ComparableFace; livenessSessionId?: string }): SealedBiometricSample {
    return {
      id,
      applicationId: sample.applicationId,
      kind: sample.kind,
      livenessSessionId: sample.livenessSessionId ?? null,
      sealedImage: sample.image ? this.box.seal(sample.image, context(id, sample.kind, 'image')) : null,
      sealedDescriptor: sample.face ? this.box.seal(encodeFace(sample.face), context(id, sample.kind, 'descriptor')) : null,
      createdAt: this.now(),
      decidedAt: null,
    };
  }

  /**
   * Stores an uploaded image only after it decodes safely: hostile or broken uploads throw
   * ImageRejectedError (a 4xx for the API) and nothing is written. Use this for every upload.
   */
  async saveUpload(
    sample: { applicationId: string; kind: BiometricSampleKind; image: Buffer; declaredType?: string; livenessSessionId?: string },
    decode: DecodeImageOptions = {},
  ): Promise<string> {
    await decodeImage(sample.image, { ...decode, declaredType: sample.declaredType ?? decode.declaredType });
    return this.save({ applicationId: sample.applicationId, kind: sample.kind, image: sample.image, livenessSessionId: sample.livenessSessionId });
  }

  /**
   * Opens a sample; throws BiometricSampleError when missing (purged samples are simply gone). With
   * `owner`, a sample of another application (or of another kind) is just as missing: one
   * application's activity can never read another's images.
   */
  async load(id: string, owner?: { applicationId: string; kinds?: readonly BiometricSampleKind[] }): Promise<BiometricSample> {
    const row = await this.repository.findById(id);
    const foreign = row && owner && (row.applicationId !== owner.applicationId || (owner.kinds && !owner.kinds.includes(row.kind as BiometricSampleKind)));
    if (!row || foreign) throw new BiometricSampleError(BiometricSampleErrorCode.NotFound, 'Биометрические данные не найдены или уже удалены.');
    const kind = row.kind as BiometricSampleKind;
    return {
      id: row.id,
      applicationId: row.applicationId,
      kind,
      image: row.sealedImage ? this.box.open(row.sealedImage, context(row.id, kind, 'image')) : undefined,
      face: row.sealedDescriptor ? decodeFace(this.box.open(row.sealedDescriptor, context(row.id, kind, 'descriptor'))) : undefined,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
    };
  }

  /** The frames uploaded against one video-identification session, with the server's receipt times. */
  async sessionFrames(applicationId: string, sessionId: string): Promise<Array<{ sampleId: string; timestampMs: number }>> {
    const frames = await this.repository.findSessionFrames(applicationId, sessionId);
    return frames.map((f) => ({ sampleId: f.id, timestampMs: f.createdAt.getTime() }));
  }

  /**
   * Stores a sample under an id derived from what it was made from (e.g. the portrait cut from one
   * document scan), so a retried activity finds the sample it stored before instead of adding one.
   */
  async saveDerived(sample: { applicationId: string; kind: BiometricSampleKind; image: Buffer; derivedFrom: string }): Promise<string> {
    const digest = createHash('sha256').update(`${sample.kind}:${sample.derivedFrom}`).digest('hex');
    const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
    const existing = await this.repository.findById(id);
    if (existing) return existing.id;
    await this.repository.insert(this.sealed(id, sample));
    return id;
  }

  /** Stores a sample of this kind unless the application already has one (e.g. the register photo, written once). */
  async saveOnce(sample: { applicationId: string; kind: BiometricSampleKind; image: Buffer }): Promise<string> {
    const existing = await this.repository.findFirstOfKind(sample.applicationId, sample.kind);
    return existing?.id ?? this.save(sample);
  }

  /** Stores the analysed face of a sample (sealed like the image). */
  async attachFace(id: string, kind: BiometricSampleKind, face: ComparableFace): Promise<void> {
    const found = await this.repository.updateSealedDescriptor(id, this.box.seal(encodeFace(face), context(id, kind, 'descriptor')));
    if (!found) throw new BiometricSampleError(BiometricSampleErrorCode.NotFound, 'Биометрические данные не найдены или уже удалены.');
  }

  /** Starts the retention clock for an application's samples. */
  async markDecided(applicationId: string, decidedAt: Date = this.now()): Promise<number> {
    return this.repository.markDecided(applicationId, decidedAt);
  }

  /** Deletes every sample whose application was decided more than `olderThanMs` ago. */
  async purgeDecided(olderThanMs: number): Promise<number> {
    return this.repository.deleteDecidedBefore(new Date(this.now().getTime() - olderThanMs));
  }
}

const context = (id: string, kind: string, part: 'image' | 'descriptor') => `biometric-sample:${id}:${kind}:${part}`;

function encodeFace(face: ComparableFace): Buffer {
  const embedding = face.embedding ? Array.from(face.embedding) : undefined;
  return Buffer.from(JSON.stringify({ descriptor: Array.from(face.descriptor), embedding, templateVersion: face.templateVersion, pose: face.pose, widthPx: face.widthPx }), 'utf8');
}

function decodeFace(bytes: Buffer): ComparableFace {
  return JSON.parse(bytes.toString('utf8')) as ComparableFace;
}
