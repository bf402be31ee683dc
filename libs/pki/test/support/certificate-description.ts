import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** A certificate described as the fixture describes НУЦ's: OIDs, criticality and every field that is not a key. */
export interface CertificateDescription {
  signatureAlgorithm: string;
  validity: { notBefore: string; notAfter: string };
  subjectAttributes: string[];
  extensions: ExtensionDescription[];
}

export type ExtensionDescription = { oid: string; name: string; critical: boolean } & Record<string, unknown>;

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];
const STRING_TYPES: Record<number, string> = { 12: 'utf8String', 22: 'ia5String', 26: 'visibleString', 30: 'bmpString' };

/** Describes a DER certificate with pkijs, independently of the code that built it. */
export function describeCertificate(der: ArrayBuffer | Uint8Array): CertificateDescription {
  const cert = pkijs.Certificate.fromBER(der instanceof Uint8Array ? der : new Uint8Array(der));
  return {
    signatureAlgorithm: cert.signatureAlgorithm.algorithmId,
    validity: { notBefore: iso(cert.notBefore.value), notAfter: iso(cert.notAfter.value) },
    subjectAttributes: cert.subject.typesAndValues.map((t) => t.type),
    extensions: (cert.extensions ?? []).map((e) => describeExtension(e.extnID, e.critical, new Uint8Array(e.extnValue.valueBlock.valueHexView))),
  };
}

export function describeExtension(oid: string, critical: boolean, value: Uint8Array): ExtensionDescription {
  switch (oid) {
    case '2.5.29.15': {
      const bits = asn1js.fromBER(value).result as asn1js.BitString;
      const bytes = bits.valueBlock.valueHexView;
      const set = KEY_USAGE_BITS.filter((_n, i) => (bytes[i >> 3] ?? 0) & (0x80 >> (i & 7)));
      return { oid, name: 'keyUsage', critical, keyUsage: set, valueHex: Buffer.from(value).toString('hex') };
    }
    case '2.5.29.37':
      return { oid, name: 'extKeyUsage', critical, purposes: pkijs.ExtKeyUsage.fromBER(value).keyPurposes };
    case '2.5.29.35': {
      const aki = pkijs.AuthorityKeyIdentifier.fromBER(value);
      const fields = [aki.keyIdentifier && 'keyIdentifier', aki.authorityCertIssuer && 'authorityCertIssuer', aki.authorityCertSerialNumber && 'authorityCertSerialNumber'].filter(Boolean);
      return { oid, name: 'authorityKeyIdentifier', critical, fields, keyIdentifierBytes: aki.keyIdentifier?.valueBlock.valueHexView.byteLength };
    }
    case '2.5.29.14':
      return { oid, name: 'subjectKeyIdentifier', critical, keyIdentifierBytes: (asn1js.fromBER(value).result as asn1js.OctetString).valueBlock.valueHexView.byteLength };
    case '2.5.29.32':
      return {
        oid,
        name: 'certificatePolicies',
        critical,
        policies: pkijs.CertificatePolicies.fromBER(value).certificatePolicies.map((p) => ({
          policy: p.policyIdentifier,
          qualifiers: (p.policyQualifiers ?? []).map(describeQualifier),
        })),
      };
    case '2.5.29.31':
      return { oid, name: 'crlDistributionPoints', critical, distributionPoints: describeDistributionPoints(value) };
    case '2.5.29.46':
      return { oid, name: 'freshestCRL', critical, distributionPoints: describeDistributionPoints(value) };
    case '1.3.6.1.5.5.7.1.1':
      return {
        oid,
        name: 'authorityInfoAccess',
        critical,
        accessDescriptions: pkijs.InfoAccess.fromBER(value).accessDescriptions.map((a) => ({ method: a.accessMethod, uri: generalNameUri(a.accessLocation) })),
      };
    default:
      return { oid, name: 'unexpected', critical, valueHex: Buffer.from(value).toString('hex') };
  }
}

function describeQualifier(q: pkijs.PolicyQualifierInfo): Record<string, unknown> {
  const qualifier = q.qualifier as asn1js.BaseBlock;
  if (q.policyQualifierId === '1.3.6.1.5.5.7.2.1') return { qualifier: q.policyQualifierId, cps: displayText(qualifier) };
  if (q.policyQualifierId === '1.3.6.1.5.5.7.2.2') {
    const parts = (qualifier as asn1js.Sequence).valueBlock.value;
    const noticeRef = parts.some((p) => p instanceof asn1js.Sequence);
    const text = parts.find((p) => !(p instanceof asn1js.Sequence));
    return { qualifier: q.policyQualifierId, userNotice: { noticeRef, explicitText: text ? displayText(text) : null } };
  }
  return { qualifier: q.policyQualifierId, unexpected: true };
}

function displayText(block: asn1js.BaseBlock): { type: string; text: string } {
  const type = STRING_TYPES[block.idBlock.tagNumber] ?? `tag${block.idBlock.tagNumber}`;
  return { type, text: (block as asn1js.Utf8String).valueBlock.value };
}

function describeDistributionPoints(value: Uint8Array): Record<string, unknown>[] {
  return pkijs.CRLDistributionPoints.fromBER(value).distributionPoints.map((dp) => ({
    fullName: Array.isArray(dp.distributionPoint) ? dp.distributionPoint.map(generalNameUri) : null,
    reasons: dp.reasons !== undefined,
    crlIssuer: dp.cRLIssuer !== undefined,
  }));
}

function generalNameUri(name: pkijs.GeneralName): string {
  if (name.type !== 6) throw new Error(`expected a URI GeneralName, got type ${name.type}`);
  return name.value as string;
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
