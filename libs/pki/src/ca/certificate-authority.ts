import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { DataSource, IsNull } from 'typeorm';
import { checkCsr } from '../csr/checked-csr';
import { PkiError, PkiErrorCode } from '../errors';
import { lockApplication, moveTo, parseIdentity } from '../applications/nuc-applications';
import { NUC_STATUS_TITLES, NucStatus } from '../applications/nuc-status';
import { CaCertificateEntity } from '../persistence/entities';
import { pkiUrls } from '../pki-options';
import { CertificateKind } from '../verified-identity';
import { nodeCrypto, rsaSha256 } from '../crypto-engine';
import { CaView, issuingKeyOf, randomSerial, serialOf } from './ca-keyring';
import { NucPolicyQualifiers, buildNucCertificate, nucValidity } from './nuc-profile';

export interface IssuedCertificate {
  kind: CertificateKind;
  serial: string;
  pem: string;
  notBefore: Date;
  notAfter: Date;
}

export interface IssuedPair {
  applicationNumber: string;
  auth: IssuedCertificate;
  sign: IssuedCertificate;
}

const OCSP_SIGNING_EKU = '1.3.6.1.5.5.7.3.9';
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';

/** Revocation reasons accepted, as RFC 5280 names them. */
export type RevocationReason = keyof typeof x509.X509CrlReason;

export type CertificateStatus =
  | { status: 'good'; serial: string }
  | { status: 'revoked'; serial: string; revokedAt: Date; reason: number }
  | { status: 'unknown'; serial: string };

export interface CertificateAuthorityOptions {
  publicBaseUrl: string;
  certificateValidityMonths: number;
  certificatePolicy: NucPolicyQualifiers;
}

/** Our issuing CA: issues НУЦ pairs for applications, revokes, and answers status by serial. */
export class CertificateAuthority {
  constructor(
    private readonly dataSource: DataSource,
    readonly keyring: CaView,
    private readonly options: CertificateAuthorityOptions,
  ) {}

  /**
   * Issues the AUTH and SIGN certificates of an application. Idempotent by application number:
   * the application row is locked and a second call returns the pair already issued.
   */
  async issueForApplication(number: string, now: Date = new Date()): Promise<IssuedPair> {
    return this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, number);
      const repo = manager.getRepository(CaCertificateEntity);
      const existing = await repo.findBy({ applicationNumber: number });
      if (existing.length === 2) return toPair(number, existing);
      const status = app.status as NucStatus;
      if (status !== NucStatus.Identified && status !== NucStatus.Signing) {
        throw new PkiError(
          status === NucStatus.AwaitingFirstHead ? PkiErrorCode.NotApproved : PkiErrorCode.InvalidStatusTransition,
          `Application ${number} is «${NUC_STATUS_TITLES[status]}»; certificates cannot be issued`,
        );
      }
      if (status === NucStatus.Identified) await moveTo(manager, app, NucStatus.Signing, now);
      const identity = parseIdentity(app.identity);
      const urls = pkiUrls(this.options.publicBaseUrl);
      const { notBefore, notAfter } = nucValidity(now, this.options.certificateValidityMonths);
      const rows: CaCertificateEntity[] = [];
      for (const [kind, csrDer] of [['AUTH', app.authCsrDer], ['SIGN', app.signCsrDer]] as const) {
        const csr = await checkCsr(csrDer);
        const cert = await buildNucCertificate({
          kind,
          identity,
          publicKey: csr.publicKey,
          issuer: this.keyring.issuing,
          issuerKey: issuingKeyOf(this.keyring),
          notBefore,
          notAfter,
          urls: { crl: urls.crl, deltaCrl: urls.deltaCrl, ocsp: urls.ocsp, issuingCert: urls.issuingCert },
          policy: this.options.certificatePolicy,
        });
        rows.push(
          repo.create({
            serial: serialOf(cert),
            applicationNumber: number,
            kind,
            subject: cert.subject.slice(0, 512),
            subjectKeyId: cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '',
            certificateDer: Buffer.from(cert.rawData),
            notBefore: cert.notBefore,
            notAfter: cert.notAfter,
            revokedAt: null,
            revocationReason: null,
          }),
        );
      }
      const pair = toPair(number, rows);
      // One row at a time: a multi-row insert lets TypeORM merge re-read defaults into the wrong entity.
      for (const row of rows) await repo.insert({ ...row });
      await moveTo(manager, app, NucStatus.Issued, now);
      return pair;
    });
  }

  /** The pair issued for an application; throws CertificatesNotIssued when there is none yet. */
  async certificatesOf(number: string): Promise<IssuedPair> {
    const rows = await this.dataSource.getRepository(CaCertificateEntity).findBy({ applicationNumber: number });
    if (rows.length !== 2) throw new PkiError(PkiErrorCode.CertificatesNotIssued, `Сертификаты по заявке № ${number} ещё не выпущены`);
    return toPair(number, rows);
  }

  /**
   * A delegated OCSP responder certificate (RFC 6960 §4.2.2.2) for a public key the API made: it
   * lets the internet-facing process sign OCSP responses without a CA key. Short-lived (the API
   * renews it at half its life) and marked id-pkix-ocsp-nocheck, so it is not itself checked.
   */
  async certifyOcspResponder(spkiDer: Buffer, validityMs: number, now: Date = new Date()): Promise<x509.X509Certificate> {
    const publicKey = await new x509.PublicKey(spkiDer).export(rsaSha256, ['verify'], nodeCrypto as never);
    const issuing = this.keyring.issuing;
    return x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: new x509.Name([{ '2.5.4.6': ['KZ'] }, { '2.5.4.3': [`${issuing.subjectName.getField('CN')[0] ?? 'Issuing CA'} OCSP Responder`] }]),
      issuer: issuing.subjectName,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + validityMs),
      publicKey,
      signingKey: issuingKeyOf(this.keyring),
      signingAlgorithm: rsaSha256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([OCSP_SIGNING_EKU]),
        // id-pkix-ocsp-nocheck: its value is NULL (RFC 6960 §4.2.2.2.1).
        new x509.Extension(OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00])),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, nodeCrypto),
        await x509.AuthorityKeyIdentifierExtension.create(issuing, false, nodeCrypto),
      ],
    }, nodeCrypto);
  }

  /** A certificate we issued, by serial (hex). */
  async findBySerial(serial: string): Promise<x509.X509Certificate | null> {
    const row = await this.dataSource.getRepository(CaCertificateEntity).findOneBy({ serial: normalize(serial) });
    return row ? new x509.X509Certificate(row.certificateDer) : null;
  }

  /** A certificate we issued, by subject key identifier (hex). */
  async findByKeyId(keyId: string): Promise<x509.X509Certificate | null> {
    const row = await this.dataSource.getRepository(CaCertificateEntity).findOneBy({ subjectKeyId: keyId.toLowerCase() });
    return row ? new x509.X509Certificate(row.certificateDer) : null;
  }

  /** Revocation status of a serial we may have issued. */
  async statusOf(serial: string): Promise<CertificateStatus> {
    const s = normalize(serial);
    const row = await this.dataSource.getRepository(CaCertificateEntity).findOne({
      select: { serial: true, revokedAt: true, revocationReason: true },
      where: { serial: s },
    });
    if (!row) return { status: 'unknown', serial: s };
    if (row.revokedAt) return { status: 'revoked', serial: s, revokedAt: row.revokedAt, reason: row.revocationReason ?? 0 };
    return { status: 'good', serial: s };
  }

  /**
   * Revokes a certificate. Revoking an already revoked one keeps the first revocation.
   * The caller refreshes the CRL (CrlPublisher.refresh) — `Pki.revoke` does both.
   */
  async revoke(serial: string, reason: RevocationReason = 'unspecified', at: Date = new Date()): Promise<CertificateStatus> {
    const s = normalize(serial);
    const code = x509.X509CrlReason[reason];
    if (code === undefined) throw new Error(`Unknown revocation reason ${reason}`);
    const repo = this.dataSource.getRepository(CaCertificateEntity);
    const result = await repo.update({ serial: s, revokedAt: IsNull() }, { revokedAt: at, revocationReason: code });
    if (!result.affected && !(await repo.existsBy({ serial: s }))) {
      throw new PkiError(PkiErrorCode.CertificateNotFound, `No certificate with serial ${s} was issued by this CA`);
    }
    return this.statusOf(s);
  }
}

function normalize(serial: string): string {
  return serialOf({ serialNumber: serial } as x509.X509Certificate);
}

function toPair(number: string, rows: CaCertificateEntity[]): IssuedPair {
  const one = (kind: CertificateKind): IssuedCertificate => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`Application ${number} lacks its ${kind} certificate`);
    return {
      kind,
      serial: row.serial,
      pem: new x509.X509Certificate(row.certificateDer).toString('pem'),
      notBefore: row.notBefore,
      notAfter: row.notAfter,
    };
  };
  return { applicationNumber: number, auth: one('AUTH'), sign: one('SIGN') };
}
