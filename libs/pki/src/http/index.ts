export * from './pki.module';
export * from './pki-tokens';
export * from './pki-exception.filter';
export { NUC_APPLICANT_ACCESS } from './nuc-applications.controller';
export type { NucApplicantAccess, NucApplicationResponse, NucApplicationStatusOnly, NucCertificatesResponse } from './nuc-applications.controller';
export * from './dto/nuc-csr-submission.dto';
export * from './dto/application-number.params';
export * from './dto/installation-report.dto';
