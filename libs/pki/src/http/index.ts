export * from './pki.module';
export * from './pki-tokens';
export * from './pki-exception.filter';
export { NucApplicationsController, type NucApplicationResponse, type NucCertificatesResponse } from './nuc-applications.controller';
export * from './dto/nuc-csr-submission.dto';
export * from './dto/application-number.params';
export * from './dto/installation-report.dto';
