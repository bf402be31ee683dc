/** Kinds of PKI failure the API maps to 4xx and activities to non-retryable failures. */
export enum PkiErrorCode {
  MalformedCsr = 'MALFORMED_CSR',
  /** The CSR's self-signature does not verify with its key: no proof of possession. */
  CsrSignatureInvalid = 'CSR_SIGNATURE_INVALID',
  /** The CSR is signed with SHA-1 or weaker (MD5, MD4, MD2). */
  CsrSignatureAlgorithmWeak = 'CSR_SIGNATURE_ALGORITHM_WEAK',
  /** The CSR is signed with an algorithm we do not accept (not RSA with SHA-256/384/512). */
  CsrSignatureAlgorithmNotSupported = 'CSR_SIGNATURE_ALGORITHM_NOT_SUPPORTED',
  /** The key is not an RSA key. */
  KeyAlgorithmNotSupported = 'KEY_ALGORITHM_NOT_SUPPORTED',
  /** The RSA modulus is shorter than 2048 bits. */
  WeakKey = 'WEAK_KEY',
  /** The RSA public exponent is not 65537. */
  RsaExponentNotAllowed = 'RSA_EXPONENT_NOT_ALLOWED',
  CsrReused = 'CSR_REUSED',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  InvalidStatusTransition = 'INVALID_STATUS_TRANSITION',
  NotApproved = 'NOT_APPROVED',
  /** A first head's decision on an application that does not (or no longer) wait for one. */
  NotAwaitingFirstHead = 'NOT_AWAITING_FIRST_HEAD',
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
  /** Neither the applicant's token nor a proof of the AUTH key came with the request. */
  AccessDenied = 'ACCESS_DENIED',
  /** A process without CA keys was asked for a CRL before the pki worker published one. */
  CrlNotPublished = 'CRL_NOT_PUBLISHED',
  /** A process without CA keys has no OCSP responder certificate yet. */
  OcspResponderNotReady = 'OCSP_RESPONDER_NOT_READY',
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
