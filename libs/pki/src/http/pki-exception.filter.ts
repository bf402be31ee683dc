import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { PkiError, PkiErrorCode } from '../errors';

/** HTTP status of every PKI error code; a new code without a status fails to compile. */
export const PKI_ERROR_STATUS: Record<PkiErrorCode, HttpStatus> = {
  [PkiErrorCode.MalformedCsr]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.CsrSignatureInvalid]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.CsrSignatureAlgorithmWeak]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.CsrSignatureAlgorithmNotSupported]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.KeyAlgorithmNotSupported]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.WeakKey]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.RsaExponentNotAllowed]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.CsrReused]: HttpStatus.CONFLICT,
  [PkiErrorCode.ApplicationNotFound]: HttpStatus.NOT_FOUND,
  [PkiErrorCode.InvalidStatusTransition]: HttpStatus.CONFLICT,
  [PkiErrorCode.NotApproved]: HttpStatus.CONFLICT,
  [PkiErrorCode.NotAwaitingFirstHead]: HttpStatus.CONFLICT,
  [PkiErrorCode.CertificatesNotIssued]: HttpStatus.CONFLICT,
  [PkiErrorCode.CertificateNotFound]: HttpStatus.NOT_FOUND,
  [PkiErrorCode.MalformedOcspRequest]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.PasswordRejected]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.MalformedSignature]: HttpStatus.BAD_REQUEST,
  [PkiErrorCode.SignatureInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.SignerNotTrusted]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CertificateRevoked]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CertificateExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.KeyUsageNotAllowed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.InstallationProofInvalid]: HttpStatus.FORBIDDEN,
  [PkiErrorCode.AccessDenied]: HttpStatus.UNAUTHORIZED,
  [PkiErrorCode.CrlNotPublished]: HttpStatus.SERVICE_UNAVAILABLE,
  [PkiErrorCode.OcspResponderNotReady]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Turns PkiError into `{ statusCode, code, message }` with the mapped status. */
@Catch(PkiError)
export class PkiExceptionFilter implements ExceptionFilter<PkiError> {
  catch(error: PkiError, host: ArgumentsHost): void {
    const status = PKI_ERROR_STATUS[error.code];
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, code: error.code, message: error.message });
  }
}
