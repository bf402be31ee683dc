/** Who the certificate is for, as the state register confirmed it (never as the CSR claims). */
export type SubjectType = 'individual' | 'legal_entity';

/** A legal-entity applicant's role, which selects the role OID in the certificate. */
export type LegalEntityRole = 'employee' | 'first_head' | 'signing_right';

export interface VerifiedPerson {
  /** 12-digit ИИН. */
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string;
  email?: string;
}

export interface VerifiedIndividual extends VerifiedPerson {
  subjectType: 'individual';
}

export interface VerifiedLegalEntityEmployee extends VerifiedPerson {
  subjectType: 'legal_entity';
  /** 12-digit БИН. */
  bin: string;
  organizationName: string;
  role: LegalEntityRole;
}

/** Identity fed to issuance from the state registers (ГБД ФЛ, ГБД ЮЛ). */
export type VerifiedIdentity = VerifiedIndividual | VerifiedLegalEntityEmployee;

/** Role carried by a certificate, as read back from its EKU. */
export type CertificateRole = 'individual' | LegalEntityRole;

/** The two certificates of a НУЦ pair. */
export type CertificateKind = 'AUTH' | 'SIGN';
