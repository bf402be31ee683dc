/**
 * Domain errors of the biometrics library. The API maps each `code` to an HTTP status
 * (all of them are client errors: 4xx); activities turn them into non-retryable failures.
 */

/** Why an uploaded image was refused before any model saw it. */
export enum ImageRejectionCode {
  Empty = 'IMAGE_EMPTY',
  TooLarge = 'IMAGE_TOO_LARGE',
  NotAnImage = 'IMAGE_NOT_AN_IMAGE',
  UnsupportedFormat = 'IMAGE_UNSUPPORTED_FORMAT',
  FormatMismatch = 'IMAGE_FORMAT_MISMATCH',
  Corrupt = 'IMAGE_CORRUPT',
  TooManyPixels = 'IMAGE_TOO_MANY_PIXELS',
  TooSmall = 'IMAGE_TOO_SMALL',
}

/** An upload that cannot be decoded safely: nothing is stored, the worker keeps running. */
export class ImageRejectedError extends Error {
  override readonly name = 'ImageRejectedError';
  constructor(
    readonly code: ImageRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

export enum LivenessErrorCode {
  SessionNotFound = 'LIVENESS_SESSION_NOT_FOUND',
  SessionExpired = 'LIVENESS_SESSION_EXPIRED',
  SessionClosed = 'LIVENESS_SESSION_CLOSED',
  TooManySessions = 'LIVENESS_TOO_MANY_SESSIONS',
  TooManyFrames = 'LIVENESS_TOO_MANY_FRAMES',
  FrameOutOfOrder = 'LIVENESS_FRAME_OUT_OF_ORDER',
  FrameTimestampInvalid = 'LIVENESS_FRAME_TIMESTAMP_INVALID',
}

/** A liveness session request that cannot be served (unknown, expired, over capacity, bad frame order). */
export class LivenessSessionError extends Error {
  override readonly name = 'LivenessSessionError';
  constructor(
    readonly code: LivenessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export enum BiometricSampleErrorCode {
  NotFound = 'BIOMETRIC_SAMPLE_NOT_FOUND',
  Purged = 'BIOMETRIC_SAMPLE_PURGED',
}

/** A stored biometric sample is missing or was purged by the retention policy. */
export class BiometricSampleError extends Error {
  override readonly name = 'BiometricSampleError';
  constructor(
    readonly code: BiometricSampleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
