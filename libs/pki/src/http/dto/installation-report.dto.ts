import { IsBase64, MaxLength } from 'class-validator';

/** The key agent's report that it installed the certificates. */
export class InstallationReportDto {
  /** Base64 RSA-SHA256 signature by the AUTH key over `nuc-installed:<number>`. */
  @IsBase64({}, { message: 'proof must be a base64 signature' })
  @MaxLength(2048)
  proof!: string;
}
