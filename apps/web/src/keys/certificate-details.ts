import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type * as pkijs from 'pkijs';

/** «Данные сертификата» as the portal shows them before «Подписать» (seed 001, figure 14). */
export interface CertificateDetails {
  iin: string;
  bin?: string;
  surname: string;
  givenName: string;
  patronymic?: string;
  organizationName?: string;
  email?: string;
  validFrom: Date;
  validTo: Date;
}

const field = (name: x509.Name, oid: string) => name.getField(oid)[0];

/**
 * Reads the НУЦ subject (libs/pki/src/ca/nuc-profile.ts): CN «SURNAME GIVEN», SN the surname,
 * SERIALNUMBER «IIN…», G the patronymic, OU «BIN…» and O for a legal entity, E the e-mail.
 */
export function certificateDetails(certificate: pkijs.Certificate): CertificateDetails {
  const cert = new x509.X509Certificate(certificate.toSchema().toBER(false));
  const subject = cert.subjectName;
  const surname = field(subject, '2.5.4.4') ?? '';
  const commonName = field(subject, '2.5.4.3') ?? '';
  const bin = field(subject, '2.5.4.11')?.replace(/^BIN/, '');
  return {
    iin: (field(subject, '2.5.4.5') ?? '').replace(/^IIN/, ''),
    ...(bin ? { bin, organizationName: field(subject, '2.5.4.10') } : {}),
    surname,
    givenName: commonName.startsWith(`${surname} `) ? commonName.slice(surname.length + 1) : commonName,
    patronymic: field(subject, '2.5.4.42'),
    email: field(subject, '1.2.840.113549.1.9.1'),
    validFrom: cert.notBefore,
    validTo: cert.notAfter,
  };
}
