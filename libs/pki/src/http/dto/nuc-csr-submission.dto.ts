import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Key storage types offered by НУЦ (seed 003 §2.1, DESIGN §2 step 10). */
export const NUC_KEY_STORAGES = ['Персональный компьютер', 'Удостоверение личности', 'eToken PRO 72K', 'JaCarta', 'Kaztoken'] as const;

const CSR_TEXT = /^(-----BEGIN CERTIFICATE REQUEST-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE REQUEST-----\s*|[A-Za-z0-9+/]+=*)$/;

/**
 * What the applicant's browser sends for the НУЦ application: the two CSRs its key agent made,
 * plus the form fields. For the API's controller; run `checkCsr()` on both before starting
 * work so a malformed, forged or weak request gets its 400 at once.
 */
export class NucCsrSubmissionDto {
  @IsString()
  @MaxLength(16_384)
  @Matches(CSR_TEXT, { message: 'authCsr must be a PEM or base64 PKCS#10 request' })
  authCsr!: string;

  @IsString()
  @MaxLength(16_384)
  @Matches(CSR_TEXT, { message: 'signCsr must be a PEM or base64 PKCS#10 request' })
  signCsr!: string;

  @IsIn(NUC_KEY_STORAGES, { message: `keyStorage must be one of: ${NUC_KEY_STORAGES.join(', ')}` })
  keyStorage!: (typeof NUC_KEY_STORAGES)[number];

  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}
