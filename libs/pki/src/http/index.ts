export * from './pki.module';
export * from './pki-tokens';
export * from './pki-exception.filter';
export type { NucApplicationResponse, NucCertificatesResponse } from './nuc-applications.controller';
