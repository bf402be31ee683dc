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
