import 'reflect-metadata';
import * as asn1js from 'asn1js';
import * as x509 from '@peculiar/x509';
import { CryptoKey, rsaSha256 } from '../crypto-engine';
import { ExtensionOid } from '../nuc-profile-oids';

export interface CrlEntry {
  serial: string;
  revokedAt: Date;
  /** RFC 5280 CRLReason code; 0 (unspecified) is left out, as §5.3.1 asks. */
  reason: number | null;
}

export interface CrlContent {
  /** The CA whose certificates the CRL lists; it signs the CRL itself. */
  issuer: x509.X509Certificate;
  issuerKey: CryptoKey;
  number: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: readonly CrlEntry[];
  /** For a delta CRL: the number of the base CRL it completes (Delta CRL Indicator, critical). */
  baseNumber?: bigint;
  /** For a base CRL: where its delta CRLs are published (Freshest CRL). */
  deltaCrlUrl?: string;
}

/**
 * Signs a CRL (RFC 5280 §5): AKI and CRL Number always; a base CRL with deltas adds Freshest CRL
 * (§5.2.6, never in a delta); a delta CRL adds the critical Delta CRL Indicator (§5.2.4).
 */
export async function buildCrl(content: CrlContent): Promise<x509.X509Crl> {
  const extensions: x509.Extension[] = [
    await x509.AuthorityKeyIdentifierExtension.create(content.issuer.publicKey),
    new x509.Extension(ExtensionOid.crlNumber, false, integer(content.number)),
  ];
  if (content.baseNumber !== undefined) {
    extensions.push(new x509.Extension(ExtensionOid.deltaCrlIndicator, true, integer(content.baseNumber)));
  } else if (content.deltaCrlUrl) {
    extensions.push(freshestCrlExtension(content.deltaCrlUrl));
  }
  return x509.X509CrlGenerator.create({
    issuer: content.issuer.subjectName,
    thisUpdate: content.thisUpdate,
    nextUpdate: content.nextUpdate,
    signingAlgorithm: rsaSha256,
    signingKey: content.issuerKey,
    extensions,
    entries: content.entries.map((e) => ({
      serialNumber: e.serial,
      revocationDate: e.revokedAt,
      reason: e.reason ? (e.reason as x509.X509CrlReason) : undefined,
    })),
  });
}

/** Freshest CRL (RFC 5280 §4.2.1.15): the CRL Distribution Points syntax under its own OID, not critical. */
export function freshestCrlExtension(url: string): x509.Extension {
  return new x509.Extension(ExtensionOid.freshestCrl, false, new x509.CRLDistributionPointsExtension([url]).value);
}

/** The number in a CRL Number or Delta CRL Indicator extension, if the CRL has it. */
export function crlNumberOf(crl: x509.X509Crl, oid: string = ExtensionOid.crlNumber): bigint | undefined {
  const extension = crl.getExtension(oid);
  if (!extension) return undefined;
  const value = asn1js.fromBER(extension.value).result as asn1js.Integer;
  return value.toBigInt();
}

function integer(value: bigint): ArrayBuffer {
  return asn1js.Integer.fromBigInt(value).toBER();
}
