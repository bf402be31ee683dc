/** Object identifiers of the НУЦ РК certificate profile (DESIGN §3). */
export const NucOid = {
  roleIndividual: '1.2.398.3.3.4.1.1',
  roleLegalEntity: '1.2.398.3.3.4.1.2',
  roleFirstHead: '1.2.398.3.3.4.1.2.1',
  roleSigningRight: '1.2.398.3.3.4.1.2.2',
  roleEmployee: '1.2.398.3.3.4.1.2.5',
  identifiedRemotelyViaDigitalId: '1.2.398.3.3.4.3.2.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** Certificate policies НУЦ РК puts in its end-entity certificates, by subject type and kind. */
  policyLegalEntitySign: '1.2.398.3.3.2.1',
  policyLegalEntityAuth: '1.2.398.3.3.2.2',
  policyIndividualSign: '1.2.398.3.3.2.3',
  policyIndividualAuth: '1.2.398.3.3.2.4',
} as const;

/** RFC 5280 policy qualifier types. */
export const PolicyQualifierOid = {
  cps: '1.3.6.1.5.5.7.2.1',
  userNotice: '1.3.6.1.5.5.7.2.2',
} as const;

/** RFC 5280 authority information access methods. */
export const AccessMethodOid = {
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

/** RFC 5280 extensions we write by OID (the x509 library has no class for them, or encodes them otherwise). */
export const ExtensionOid = {
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  certificatePolicies: '2.5.29.32',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  freshestCrl: '2.5.29.46',
} as const;

/** X.520 / PKCS#9 attribute types used in the subject. */
export const NameOid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  email: '1.2.840.113549.1.9.1',
} as const;
