import 'reflect-metadata';
import * as asn1js from 'asn1js';
import * as x509 from '@peculiar/x509';
import { DataSource, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { rsaSha256 } from '../crypto-engine';
import { CaKeyring } from '../ca/ca-keyring';
import { CaCertificateEntity, CaCrlEntity } from '../persistence/entities';

const CRL_NUMBER_OID = '2.5.29.20';

export interface CrlPublisherOptions {
  /** How long each CRL is valid (nextUpdate − thisUpdate). */
  crlValidityMs: number;
  /** A CRL older than this is regenerated when served. */
  crlRefreshIntervalMs: number;
}

/** Generates, stores and serves the issuing CA's CRL; every process serves the latest stored one. */
export class CrlPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: CaKeyring,
    private readonly options: CrlPublisherOptions,
  ) {}

  /** The current CRL (DER), regenerated first if none is fresh. */
  async current(now: Date = new Date()): Promise<Buffer> {
    const latest = await this.dataSource.getRepository(CaCrlEntity).findOne({
      where: { der: Not(IsNull()) },
      order: { number: 'DESC' },
    });
    const fresh = latest?.der && latest.thisUpdate.getTime() > now.getTime() - this.options.crlRefreshIntervalMs && latest.nextUpdate > now;
    return fresh && latest.der ? latest.der : this.refresh(now);
  }

  /**
   * Regenerates the CRL with every unexpired revoked certificate. The CRL number is the
   * auto-increment id of its row, so concurrent processes never reuse a number.
   */
  async refresh(now: Date = new Date()): Promise<Buffer> {
    const nextUpdate = new Date(now.getTime() + this.options.crlValidityMs);
    const repo = this.dataSource.getRepository(CaCrlEntity);
    const { identifiers } = await repo.insert({ der: null, thisUpdate: now, nextUpdate });
    const number = String(identifiers[0].number);
    const revoked = await this.dataSource.getRepository(CaCertificateEntity).find({
      select: { serial: true, revokedAt: true, revocationReason: true },
      where: { revokedAt: Not(IsNull()), notAfter: MoreThan(now) },
      order: { revokedAt: 'ASC' },
    });
    const crl = await x509.X509CrlGenerator.create({
      issuer: this.keyring.issuing.subjectName,
      thisUpdate: now,
      nextUpdate,
      signingAlgorithm: rsaSha256,
      signingKey: this.keyring.issuingKey,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(this.keyring.issuing.publicKey),
        new x509.Extension(CRL_NUMBER_OID, false, new asn1js.Integer({ value: Number(number) }).toBER()),
      ],
      entries: revoked.map((r) => ({
        serialNumber: r.serial,
        revocationDate: r.revokedAt ?? now,
        // RFC 5280 §5.3.1: omit the reason rather than state "unspecified".
        reason: r.revocationReason ? (r.revocationReason as x509.X509CrlReason) : undefined,
      })),
    });
    const der = Buffer.from(crl.rawData);
    await repo.update({ number }, { der });
    // CRLs past their nextUpdate are void; keep the table small.
    await repo.delete({ nextUpdate: LessThan(now) });
    return der;
  }
}
