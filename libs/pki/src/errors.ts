/** Kinds of PKI failure the API maps to 4xx and activities to non-retryable failures. */
export enum PkiErrorCode {
  MalformedCsr = 'MALFORMED_CSR',
  CsrSignatureInvalid = 'CSR_SIGNATURE_INVALID',
  WeakKey = 'WEAK_KEY',
  CsrReused = 'CSR_REUSED',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  InvalidStatusTransition = 'INVALID_STATUS_TRANSITION',
  NotApproved = 'NOT_APPROVED',
  CertificatesNotIssued = 'CERTIFICATES_NOT_ISSUED',
  CertificateNotFound = 'CERTIFICATE_NOT_FOUND',
  MalformedOcspRequest = 'MALFORMED_OCSP_REQUEST',
  PasswordRejected = 'PASSWORD_REJECTED',
  MalformedSignature = 'MALFORMED_SIGNATURE',
  SignatureInvalid = 'SIGNATURE_INVALID',
  SignerNotTrusted = 'SIGNER_NOT_TRUSTED',
  CertificateRevoked = 'CERTIFICATE_REVOKED',
  CertificateExpired = 'CERTIFICATE_EXPIRED',
  KeyUsageNotAllowed = 'KEY_USAGE_NOT_ALLOWED',
  InstallationProofInvalid = 'INSTALLATION_PROOF_INVALID',
}

/** A business failure of the PKI: `code` is stable, `message` is for a person. */
export class PkiError extends Error {
  constructor(
    readonly code: PkiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PkiError';
  }
}
