import { HttpStatus } from '@nestjs/common';

/** Every failure the API reports on purpose. Adding a code without an HTTP status fails to compile. */
export enum ApiErrorCode {
  InvalidIin = 'invalid_iin',
  Blocked = 'blocked',
  OtpWrong = 'otp_wrong',
  OtpExpired = 'otp_expired',
  OtpTooEarly = 'otp_too_early',
  InvalidState = 'invalid_state',
  ApplicationNotFound = 'application_not_found',
  Unauthenticated = 'unauthenticated',
  ServiceUnavailable = 'service_unavailable',
  ImageEmpty = 'image_empty',
  ImageTooLarge = 'image_too_large',
  ImageUnsupported = 'image_unsupported',
  ImageUnreadable = 'image_unreadable',
  /** The applicant's input was checked and refused (a phone that is not the БМГ one, a weak CSR, a bad proof). */
  Rejected = 'rejected',
  PinMismatch = 'pin_mismatch',
  PinWrong = 'pin_wrong',
  PinLocked = 'pin_locked',
  Forbidden = 'forbidden',
  /** A moderation case, or an image of one, that does not exist (or is no longer kept). */
  CaseNotFound = 'case_not_found',
  /** A signature that is not a CMS structure at all. */
  SignatureMalformed = 'signature_malformed',
  /** A signature that does not verify, or over other content, or by a certificate we did not issue. */
  SignatureInvalid = 'signature_invalid',
  /** A genuine signature by a certificate that may not be used for this (revoked, expired, wrong key). */
  CertificateRefused = 'certificate_refused',
  /** Too many requests from one address or for one IIN (the public endpoints' limits). */
  RateLimited = 'rate_limited',
  /** A БМГ operator's registration that does not exist or is another operator's. */
  RegistrationNotFound = 'registration_not_found',
  /** The last try of a short-lived code was wrong: a new code is needed. */
  CodeAttemptsExhausted = 'code_attempts_exhausted',
  /** An account for this ИИН/БИН exists already. */
  AlreadyRegistered = 'already_registered',
  /** An e-mailed link that was used, never issued, or has expired. */
  LinkNotValid = 'link_not_valid',
}

export const HTTP_STATUS_BY_CODE: Record<ApiErrorCode, HttpStatus> = {
  [ApiErrorCode.InvalidIin]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.Blocked]: HttpStatus.LOCKED,
  [ApiErrorCode.OtpWrong]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.OtpExpired]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.OtpTooEarly]: HttpStatus.TOO_MANY_REQUESTS,
  [ApiErrorCode.InvalidState]: HttpStatus.CONFLICT,
  [ApiErrorCode.ApplicationNotFound]: HttpStatus.NOT_FOUND,
  [ApiErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ApiErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ApiErrorCode.ImageEmpty]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.ImageTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ApiErrorCode.ImageUnsupported]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ApiErrorCode.ImageUnreadable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApiErrorCode.Rejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApiErrorCode.PinMismatch]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.PinWrong]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.PinLocked]: HttpStatus.LOCKED,
  [ApiErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ApiErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [ApiErrorCode.SignatureMalformed]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.SignatureInvalid]: HttpStatus.UNAUTHORIZED,
  [ApiErrorCode.CertificateRefused]: HttpStatus.FORBIDDEN,
  [ApiErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ApiErrorCode.RegistrationNotFound]: HttpStatus.NOT_FOUND,
  [ApiErrorCode.CodeAttemptsExhausted]: HttpStatus.LOCKED,
  [ApiErrorCode.AlreadyRegistered]: HttpStatus.CONFLICT,
  [ApiErrorCode.LinkNotValid]: HttpStatus.GONE,
};

/** A domain failure with a message a person can act on, and optional details (attempts left, seconds to wait). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** seconds, sent as Retry-After */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
