import * as x509 from '@peculiar/x509';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { nodeCrypto, rsaSha256 } from '../crypto-engine';
import { checkCsr } from '../csr/checked-csr';
import { PkiError, PkiErrorCode } from '../errors';
import { CaUsedCsrEntity, NucApplicationEntity, NucApplicationStatusEntity, isDuplicateKey } from '../persistence/entities';
import { addMonths } from '../pki-options';
import { SubjectType, VerifiedIdentity } from '../verified-identity';
import { newApplicationNumber } from './application-number';
import { FirstHeadApprovalContent, firstHeadApprovalContent } from './first-head-approval-content';
import { ANNULLABLE_STATUSES, NUC_STATUS_TITLES, NucStatus, canMoveTo } from './nuc-status';

export interface NewNucApplication {
  /** Idempotency key (e.g. the workflow id): creating twice with it returns the first application. */
  requestId: string;
  identity: VerifiedIdentity;
  /** Certificate template, e.g. «Физическое лицо». */
  template: string;
  /** Key storage type, e.g. «Персональный компьютер». */
  keyStorage: string;
  /** PKCS#10 requests (PEM or base64 DER) made from keys generated on the applicant's side. */
  authCsr: string | Buffer;
  signCsr: string | Buffer;
  at?: Date;
}

export interface NucStatusEntry {
  status: NucStatus;
  title: string;
  at: Date;
}

export interface NucApplicationView {
  number: string;
  subjectType: SubjectType;
  template: string;
  keyStorage: string;
  iin: string;
  bin: string | null;
  fullName: string;
  organizationName: string | null;
  status: NucStatus;
  statusTitle: string;
  createdAt: Date;
  history: NucStatusEntry[];
}

export interface NucApplicationsOptions {
  annulAfterMonths: number;
  annulAfterMs?: number;
}

const MAX_NUMBER_ATTEMPTS = 10;

/** What the key agent signs with the AUTH key to read its application and download its certificates. */
export function keyPossessionChallenge(applicationNumber: string): Buffer {
  return Buffer.from(`nuc-access:${applicationNumber}`, 'utf8');
}

/** НУЦ applications: creation with a unique number, status history, annulment of stale ones. */
export class NucApplications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: NucApplicationsOptions,
  ) {}

  /**
   * Creates an application with its two CSRs. Records «Новая заявка» and «Пользователь
   * идентифицирован центром регистрации» (identification happened through Digital ID), and
   * for legal-entity applicants other than the first head, «Ожидание подтверждения первого руководителя».
   */
  async create(input: NewNucApplication): Promise<NucApplicationView> {
    assertIdentity(input.identity);
    const previous = await this.dataSource.getRepository(NucApplicationEntity).findOneBy({ requestId: input.requestId });
    if (previous) return this.get(previous.number);
    const [auth, sign] = await Promise.all([checkCsr(input.authCsr), checkCsr(input.signCsr)]);
    if (auth.keyFingerprint === sign.keyFingerprint) {
      throw new PkiError(
        PkiErrorCode.CsrReused,
        'Запросы AUTH и SIGN сделаны одним ключом; нужны два разных ключа. Сформируйте ключи заново. / The AUTH and SIGN requests must be made from two different keys; generate the keys again.',
      );
    }
    const at = input.at ?? new Date();
    const identity = input.identity;
    for (let attempt = 1; ; attempt++) {
      const number = newApplicationNumber();
      try {
        await this.dataSource.transaction(async (manager) => {
          await manager.insert(NucApplicationEntity, {
            number,
            requestId: input.requestId,
            subjectType: identity.subjectType,
            template: input.template,
            keyStorage: input.keyStorage,
            iin: identity.iin,
            bin: identity.subjectType === 'legal_entity' ? identity.bin : null,
            identity,
            authCsrDer: auth.der,
            signCsrDer: sign.der,
            status: NucStatus.New,
            createdAt: at,
            updatedAt: at,
          });
          await manager.insert(CaUsedCsrEntity, [
            { keyFingerprint: auth.keyFingerprint, applicationNumber: number, kind: 'AUTH' },
            { keyFingerprint: sign.keyFingerprint, applicationNumber: number, kind: 'SIGN' },
          ]);
          const app = { number, status: NucStatus.New } as NucApplicationEntity;
          await insertHistory(manager, number, NucStatus.New, at);
          await moveTo(manager, app, NucStatus.Identified, at);
          if (identity.subjectType === 'legal_entity' && identity.role !== 'first_head') {
            await moveTo(manager, app, NucStatus.AwaitingFirstHead, at);
          }
        });
        return this.get(number);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const message = String((error as { message?: string }).message ?? '');
        if (message.includes('request_id')) {
          const raced = await this.dataSource.getRepository(NucApplicationEntity).findOneByOrFail({ requestId: input.requestId });
          return this.get(raced.number);
        }
        // Otherwise a primary key clashed: either a key was used before, or (rarely) the random number was taken.
        if (await this.keyUsed(auth.keyFingerprint, sign.keyFingerprint)) {
          throw new PkiError(
            PkiErrorCode.CsrReused,
            'Этот ключ уже использовался в заявке на сертификат; один ключ — одна заявка. Сформируйте новые ключи и запросы. / This key has already been used in a certificate application; generate new keys and requests.',
          );
        }
        if (attempt >= MAX_NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  /** The application with its status history; throws ApplicationNotFound. */
  async get(number: string): Promise<NucApplicationView> {
    const app = await this.dataSource.getRepository(NucApplicationEntity).findOneBy({ number });
    if (!app) throw notFound(number);
    const history = await this.dataSource.getRepository(NucApplicationStatusEntity).find({
      where: { applicationNumber: number },
      order: { id: 'ASC' },
    });
    return toView(app, history);
  }

  /**
   * Whether `proof` is an RSA-SHA256 signature over {@link keyPossessionChallenge} by the key of this
   * application's AUTH request: the key agent's credential before and after issuance. False for an
   * unknown number.
   */
  async provesAuthKey(number: string, proof: Buffer): Promise<boolean> {
    const app = await this.dataSource.getRepository(NucApplicationEntity).findOneBy({ number });
    if (!app || proof.length === 0) return false;
    const key = await new x509.Pkcs10CertificateRequest(app.authCsrDer).publicKey.export(rsaSha256, ['verify'], nodeCrypto as never);
    return nodeCrypto.subtle.verify(rsaSha256, key as never, proof, keyPossessionChallenge(number)).catch(() => false);
  }

  /** The verified identity stored with the application. */
  async identityOf(number: string): Promise<VerifiedIdentity> {
    const app = await this.dataSource.getRepository(NucApplicationEntity).findOneBy({ number });
    if (!app) throw notFound(number);
    return parseIdentity(app.identity);
  }

  /**
   * Appends a status. Idempotent: recording the current status again changes nothing,
   * so a retried activity is harmless. An impossible transition is a conflict.
   */
  async recordStatus(number: string, status: NucStatus, at: Date = new Date()): Promise<NucApplicationView> {
    await this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, number);
      if ((app.status as NucStatus) === status) return;
      await moveTo(manager, app, status, at);
    });
    return this.get(number);
  }

  /**
   * The first head approved: «Ожидание подтверждения первого руководителя» → «Заявка на подписи в ИС НУЦ».
   * Idempotent: an application already past the approval (signing, issued, installed) is returned as it is.
   */
  async approveByFirstHead(number: string, at: Date = new Date()): Promise<NucApplicationView> {
    return this.decideByFirstHead(number, NucStatus.Signing, [NucStatus.Signing, NucStatus.Issued, NucStatus.Installed], at);
  }

  /** The first head rejected: «Заявка отклонена первым руководителем». Idempotent. */
  async rejectByFirstHead(number: string, at: Date = new Date()): Promise<NucApplicationView> {
    return this.decideByFirstHead(number, NucStatus.RejectedByFirstHead, [NucStatus.RejectedByFirstHead], at);
  }

  /** What the first head signs to approve the application (see {@link firstHeadApprovalContent}). */
  async approvalContentOf(number: string): Promise<FirstHeadApprovalContent> {
    const app = await this.dataSource.getRepository(NucApplicationEntity).findOneBy({ number });
    if (!app) throw notFound(number);
    if (!app.bin) throw new PkiError(PkiErrorCode.InvalidStatusTransition, `Заявка № ${number} подана физическим лицом: подтверждение первого руководителя не требуется`);
    return firstHeadApprovalContent({ number, bin: app.bin, employeeIin: app.iin, template: app.template, authCsrDer: app.authCsrDer, signCsrDer: app.signCsrDer });
  }

  private async decideByFirstHead(number: string, to: NucStatus, done: readonly NucStatus[], at: Date): Promise<NucApplicationView> {
    await this.dataSource.transaction(async (manager) => {
      const app = await lockApplication(manager, number);
      const status = app.status as NucStatus;
      if (done.includes(status)) return;
      if (status !== NucStatus.AwaitingFirstHead) {
        throw new PkiError(PkiErrorCode.NotAwaitingFirstHead, `Заявка № ${number} в статусе «${NUC_STATUS_TITLES[status]}»: решение первого руководителя по ней не принимается`);
      }
      await moveTo(manager, app, to, at);
    });
    return this.get(number);
  }

  /** Annuls applications left unfinished for longer than the annulment period; returns their numbers. */
  async annulStale(now: Date = new Date()): Promise<string[]> {
    const cutoff = this.options.annulAfterMs !== undefined ? new Date(now.getTime() - this.options.annulAfterMs) : addMonths(now, -this.options.annulAfterMonths);
    const stale = await this.dataSource.getRepository(NucApplicationEntity).find({
      select: { number: true },
      where: { status: In([...ANNULLABLE_STATUSES]), createdAt: LessThan(cutoff) },
    });
    const annulled: string[] = [];
    for (const { number } of stale) {
      const done = await this.dataSource.transaction(async (manager) => {
        const app = await lockApplication(manager, number);
        if (!ANNULLABLE_STATUSES.includes(app.status as NucStatus)) return false;
        await moveTo(manager, app, NucStatus.Annulled, now);
        return true;
      });
      if (done) annulled.push(number);
    }
    return annulled;
  }

  private async keyUsed(...fingerprints: string[]): Promise<boolean> {
    return (await this.dataSource.getRepository(CaUsedCsrEntity).countBy({ keyFingerprint: In(fingerprints) })) > 0;
  }
}

/** Locks the application row for the rest of the transaction; throws ApplicationNotFound. */
export async function lockApplication(manager: EntityManager, number: string): Promise<NucApplicationEntity> {
  const app = await manager.getRepository(NucApplicationEntity).findOne({ where: { number }, lock: { mode: 'pessimistic_write' } });
  if (!app) throw notFound(number);
  return app;
}

/** Moves a (locked) application to a new status and writes the history line. */
export async function moveTo(manager: EntityManager, app: NucApplicationEntity, status: NucStatus, at: Date): Promise<void> {
  const from = app.status as NucStatus;
  if (!canMoveTo(from, status)) {
    throw new PkiError(
      PkiErrorCode.InvalidStatusTransition,
      `Application ${app.number} is «${NUC_STATUS_TITLES[from]}» and cannot become «${NUC_STATUS_TITLES[status]}»`,
    );
  }
  await manager.update(NucApplicationEntity, { number: app.number }, { status, updatedAt: at });
  await insertHistory(manager, app.number, status, at);
  app.status = status;
}

async function insertHistory(manager: EntityManager, number: string, status: NucStatus, at: Date): Promise<void> {
  await manager.insert(NucApplicationStatusEntity, { applicationNumber: number, status, at });
}

function notFound(number: string): PkiError {
  return new PkiError(PkiErrorCode.ApplicationNotFound, `Заявка № ${number} не найдена`);
}

export function parseIdentity(stored: unknown): VerifiedIdentity {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as VerifiedIdentity;
}

function toView(app: NucApplicationEntity, history: NucApplicationStatusEntity[]): NucApplicationView {
  const identity = parseIdentity(app.identity);
  const status = app.status as NucStatus;
  return {
    number: app.number,
    subjectType: identity.subjectType,
    template: app.template,
    keyStorage: app.keyStorage,
    iin: app.iin,
    bin: app.bin,
    fullName: [identity.surname, identity.givenName, identity.patronymic].filter(Boolean).join(' ').toUpperCase(),
    organizationName: identity.subjectType === 'legal_entity' ? identity.organizationName : null,
    status,
    statusTitle: NUC_STATUS_TITLES[status],
    createdAt: app.createdAt,
    history: history.map((h) => ({ status: h.status as NucStatus, title: NUC_STATUS_TITLES[h.status as NucStatus], at: h.at })),
  };
}

function assertIdentity(identity: VerifiedIdentity): void {
  if (!/^\d{12}$/.test(identity.iin)) throw new Error('VerifiedIdentity.iin must be 12 digits');
  if (!identity.surname?.trim() || !identity.givenName?.trim()) throw new Error('VerifiedIdentity needs surname and givenName');
  if (identity.subjectType === 'legal_entity') {
    if (!/^\d{12}$/.test(identity.bin)) throw new Error('VerifiedIdentity.bin must be 12 digits');
    if (!identity.organizationName?.trim()) throw new Error('VerifiedIdentity.organizationName is required for a legal entity');
  }
}
