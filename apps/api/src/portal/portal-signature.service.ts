import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PORTAL_MESSAGES, PORTAL_OWN_MESSAGES, type PortalRights, type SubjectType } from '@app/contracts';
import { registerRecordEligibility } from '@app/eligibility';
import { maskIin } from '@app/identity';
import { PortalAccount } from '@app/models';
import { PKI, type Pki, type VerifiedSignature } from '@app/pki';
import type { StateRegisterClient } from '@app/registers';
import { AuditJournal } from '../auth/audit-journal';
import { passwordHashing } from '../auth/password-hashing';
import { SessionService } from '../auth/session.service';
import { SignatureChallenges, type ChallengePurpose, type IssuedChallenge } from '../auth/signature-challenges';
import { verifyDetached } from '../auth/signature-check';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { LegalEntityAuthority } from '../first-head/legal-entity-authority';
import type { SignedChallengeDto, SignedRegistrationDto, PortalChallengePurpose } from './dto/signature.dto';
import { PortalAccountLife } from './portal-account-life';
import { PEOPLE_REGISTER } from './portal-dependencies';
import { PortalRegistrations } from './portal-registrations';
import type { CitizenPrincipal, PortalSessionView } from './portal-sign-in.service';

const PURPOSES: Record<PortalChallengePurpose, ChallengePurpose> = { sign_in: 'portal-sign-in', registration: 'portal-registration' };

/** «Данные сертификата» as the seed's page shows them: ИИН, E-mail, ФИО, Срок действия. */
export interface CertificateView {
  iin: string;
  bin: string | null;
  fullName: string;
  organizationName: string | null;
  email: string | null;
  validFrom: string;
  validTo: string;
}

export type SignatureSessionView = PortalSessionView & {
  certificate: CertificateView;
  /** No e-mail in the profile: ask for it and «Сохранить» (PUT /api/v1/portal/me/email). */
  emailRequired: boolean;
};

interface Signer {
  signer: VerifiedSignature;
  login: string;
  subjectType: SubjectType;
}

const certificateView = (s: VerifiedSignature): CertificateView => ({
  iin: s.iin,
  bin: s.bin,
  fullName: s.commonName,
  organizationName: s.organizationName,
  email: s.email,
  validFrom: s.validFrom.toISOString(),
  validTo: s.validTo.toISOString(),
});

/**
 * The portal with a certificate (seed 000 §II «Регистрация с ЭЦП», §IV «Вход по ЭЦП», §V «Смена пароля
 * по ЭЦП»): the person signs a server challenge with their AUTH certificate (chain to our root, valid,
 * not revoked); the ИИН, and the БИН of a legal entity, come from the certificate. A sign-in with a
 * signature gives full rights and ends a temporary account's clock.
 */
@Injectable()
export class PortalSignatureService {
  private readonly logger = new Logger(PortalSignatureService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PKI) private readonly pki: Pki,
    @Inject(PEOPLE_REGISTER) private readonly people: StateRegisterClient,
    private readonly authority: LegalEntityAuthority,
    private readonly challenges: SignatureChallenges,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
    private readonly life: PortalAccountLife,
    private readonly registrations: PortalRegistrations,
  ) {}

  issueChallenge(purpose: PortalChallengePurpose): Promise<IssuedChallenge> {
    return this.challenges.issue(PURPOSES[purpose], this.config.PORTAL_SIGNATURE_CHALLENGE_TTL_SECONDS);
  }

  /** Registration with a signature: after the e-mailed link, an account with full rights. */
  async register(dto: SignedRegistrationDto, clientAddress: string): Promise<{ message: string; certificate: CertificateView }> {
    if (dto.password !== dto.passwordConfirmation) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.passwordConfirmationMismatch, { reason: 'password_confirmation_mismatch' });
    const { signer, login, subjectType } = await this.signerOf(dto, 'registration', clientAddress);
    const account = { login, subjectType, rights: 'full' as const, email: dto.email.trim(), language: dto.language ?? 'ru', passwordHash: await passwordHashing.hash(dto.password) };
    const sent = await this.registrations.sendLink(account, clientAddress);
    return { ...sent, certificate: certificateView(signer) };
  }

  /**
   * «Войти по ЭЦП». A temporary account gets full rights; a person without an account gets one, with
   * full rights, no password and no e-mail yet (asked for at once: «Сохранить»).
   */
  async signIn(dto: SignedChallengeDto, clientAddress: string): Promise<SignatureSessionView> {
    const { signer, login, subjectType } = await this.signerOf(dto, 'sign_in', clientAddress);
    const now = new Date();
    const accounts = this.dataSource.getRepository(PortalAccount);
    let account = await accounts.findOneBy({ login });
    if (!account) {
      const created: PortalAccount = {
        id: randomUUID(),
        subjectType,
        login,
        email: null,
        language: 'ru',
        passwordHash: '',
        rights: 'full',
        createdAt: now,
        lastSignInAt: null,
        deletionNoticeSentAt: null,
        passwordChangedAt: null,
        updatedAt: now,
      };
      // Two first sign-ins at once: the second finds the first's account.
      await accounts.createQueryBuilder().insert().into(PortalAccount).values(created).orIgnore().execute();
      account = await accounts.findOneByOrFail({ login });
      if (account.id === created.id) await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.account_created', target: maskIin(login), detail: { method: 'signature', rights: 'full' }, clientAddress });
    }
    const raised = account.rights === 'temporary';
    await accounts.update({ id: account.id }, { rights: 'full', lastSignInAt: now, updatedAt: now });
    const rights: PortalRights = 'full';
    const session = await this.sessions.open({
      kind: 'citizen',
      subjectId: account.id,
      data: { login, method: 'signature', certificateSerial: signer.certificateSerial },
      ttlSeconds: this.config.PORTAL_SESSION_TTL_SECONDS,
      clientAddress,
    });
    const actor: CitizenPrincipal = { kind: 'citizen', accountId: account.id, login, rights, signedInWith: 'signature', sessionId: session.sessionId };
    await this.journal.record({ actor, action: 'portal.sign_in', target: maskIin(login), detail: { method: 'signature', certificateSerial: signer.certificateSerial }, clientAddress });
    if (raised) {
      await this.journal.record({ actor, action: 'portal.rights_raised', target: maskIin(login), detail: { by: 'signature_sign_in' }, clientAddress });
      await this.life.raisedToFullRights(account.id, now);
    }
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: this.config.PORTAL_SESSION_IDLE_SECONDS,
      account: { login, subjectType: account.subjectType, rights, email: account.email },
      certificate: certificateView(signer),
      emailRequired: !account.email,
    };
  }

  /** «Сохранить»: the e-mail, from a session opened with a signature only (a password alone does not move the recovery address). */
  async saveEmail(principal: CitizenPrincipal, email: string, clientAddress: string): Promise<{ email: string }> {
    if (principal.signedInWith !== 'signature') throw new ApiError(ApiErrorCode.Forbidden, PORTAL_OWN_MESSAGES.emailBySignatureOnly, { reason: 'email_by_signature_only' });
    const saved = email.trim();
    await this.dataSource.getRepository(PortalAccount).update({ id: principal.accountId }, { email: saved, updatedAt: new Date() });
    await this.journal.record({ actor: principal, action: 'portal.email_saved', target: maskIin(principal.login), clientAddress });
    return { email: saved };
  }

  /** Who signed, checked: our AUTH certificate, the register rules (ГБД ФЛ), or the right to act for the БИН (ГБД ЮЛ). */
  private async signerOf(dto: SignedChallengeDto, purpose: PortalChallengePurpose, clientAddress: string): Promise<Signer> {
    try {
      const challenge = await this.challenges.consume(dto.challengeId, PURPOSES[purpose]);
      const signer = await verifyDetached(this.pki, dto.signature, challenge);
      if (signer.certificateKind !== 'AUTH') throw new ApiError(ApiErrorCode.CertificateRefused, PORTAL_OWN_MESSAGES.notAuthCertificate, { reason: 'not_auth' });
      if (signer.bin) {
        await this.authority.assertMayDecide(signer.iin, signer.bin);
        return { signer, login: signer.bin, subjectType: 'legal_entity' };
      }
      const eligibility = registerRecordEligibility(await this.person(signer.iin));
      if (!eligibility.eligible) throw new ApiError(ApiErrorCode.Rejected, eligibility.message, { reason: eligibility.reason });
      return { signer, login: signer.iin, subjectType: 'individual' };
    } catch (error) {
      if (error instanceof ApiError) {
        const reason = typeof error.details.reason === 'string' ? error.details.reason : '';
        await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.signature_refused', target: dto.challengeId, detail: { purpose, code: error.code, reason }, clientAddress });
      }
      throw error;
    }
  }

  private async person(iin: string) {
    try {
      return await this.people.findPerson(iin);
    } catch (error) {
      this.logger.error(`ГБД ФЛ did not answer: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
    }
  }
}
