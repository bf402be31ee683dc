import { PkiError, PkiErrorCode, type Pki, type VerifiedSignature } from '@app/pki';
import { ApiError, ApiErrorCode } from '../common/api-error';

/** How each refusal of the signature verifier reaches the signer (a first head, a person on the portal). */
const REFUSALS: Partial<Record<PkiErrorCode, { code: ApiErrorCode; message: string }>> = {
  [PkiErrorCode.MalformedSignature]: { code: ApiErrorCode.SignatureMalformed, message: 'Подпись не является подписью CMS (PKCS#7) / the signature is not a CMS (PKCS#7) signature' },
  [PkiErrorCode.SignatureInvalid]: { code: ApiErrorCode.SignatureInvalid, message: 'Подпись не соответствует подписываемым данным / the signature does not match the content to sign' },
  [PkiErrorCode.SignerNotTrusted]: { code: ApiErrorCode.SignatureInvalid, message: 'Сертификат подписи выпущен не НУЦ РК / the certificate was not issued by our certification authority' },
  [PkiErrorCode.CertificateRevoked]: { code: ApiErrorCode.CertificateRefused, message: 'Сертификат отозван: им нельзя войти или подписать / the certificate is revoked' },
  [PkiErrorCode.CertificateExpired]: { code: ApiErrorCode.CertificateRefused, message: 'Срок действия сертификата истёк или ещё не начался / the certificate is expired or not yet valid' },
  [PkiErrorCode.KeyUsageNotAllowed]: { code: ApiErrorCode.CertificateRefused, message: 'Этот сертификат не предназначен для подписи / the certificate is not for signatures' },
};

/** Verifies a detached CMS over `content` (chain to our CA, validity, key usage, revocation); refusals become 4xx. */
export async function verifyDetached(pki: Pick<Pki, 'cms'>, signature: string, content: string): Promise<VerifiedSignature> {
  const der = signature.includes('-----BEGIN') ? signature : Buffer.from(signature.replace(/\s+/g, ''), 'base64');
  try {
    return await pki.cms.verify({ signature: der, content: Buffer.from(content, 'utf8') });
  } catch (error) {
    const refusal = error instanceof PkiError ? REFUSALS[error.code] : undefined;
    if (refusal) throw new ApiError(refusal.code, refusal.message, { reason: (error as PkiError).code });
    throw error;
  }
}
