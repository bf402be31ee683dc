import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, Not, type DataSource } from 'typeorm';
import { PORTAL_MESSAGES, PORTAL_OWN_MESSAGES, type PortalLanguage } from '@app/contracts';
import { keyedHash, keyedHashMatches } from '@app/crypto';
import { registerRecordEligibility } from '@app/eligibility';
import { isValidIin, maskIin } from '@app/identity';
import type { MailSender } from '@app/mail';
import { PortalAccount, PortalRegistration, type PortalRegistrationStage } from '@app/models';
import { activationMail, portalLinks } from '@app/portal-accounts';
import type { PersonRecord, StateRegisterClient } from '@app/registers';
import { AuditJournal } from '../auth/audit-journal';
import { passwordHashing } from '../auth/password-hashing';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import type { PersonCheckDto, TemporaryRegistrationDto } from './dto/registration.dto';
import { PortalAccountLife } from './portal-account-life';
import { PortalAttemptGuards, blockedError } from './portal-attempt-guards';
import { MAIL_SENDER, PEOPLE_REGISTER } from './portal-dependencies';

const TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export interface PersonCheckView {
  /** Carries step 1 to step 2 («Далее»). */
  registrationToken: string;
  expiresAt: string;
  person: { iin: string; documentNumber: string; birthDate: string };
  passwordRule: string;
  emailWarning: string;
  temporaryRightsTerms: string;
}

export interface ActivatedAccountView {
  message: string;
  login: string;
  rights: 'temporary';
}

/** Why ГБД ФЛ did not confirm the person, in the words the person reads. */
function personRefusal(person: PersonRecord | null, dto: PersonCheckDto): { reason: string; message: string } | null {
  // The data first: nobody learns a stranger's life status or exclusion code from an IIN alone.
  if (person) {
    const number = dto.documentNumber.trim().toUpperCase();
    const documentIsTheirs = person.documents.some((d) => d.state === 'valid' && d.number.toUpperCase() === number);
    if (!documentIsTheirs || person.birthDate !== dto.birthDate) return { reason: 'data_mismatch', message: PORTAL_OWN_MESSAGES.personDataMismatch };
  }
  const eligibility = registerRecordEligibility(person);
  return eligibility.eligible ? null : { reason: eligibility.reason, message: eligibility.message };
}

/**
 * «Временная регистрация без электронно-цифровой подписи» (seed 000 §II): ГБД ФЛ confirms the person
 * (step 1), the password and e-mail follow (step 2), and the e-mailed link makes the account, with
 * temporary rights. Until the link is followed there is no account; a technical failure on the way
 * leaves none half-made.
 */
@Injectable()
export class TemporaryRegistrationService {
  private readonly logger = new Logger(TemporaryRegistrationService.name);
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PEOPLE_REGISTER) private readonly people: StateRegisterClient,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly guards: PortalAttemptGuards,
    private readonly journal: AuditJournal,
    private readonly life: PortalAccountLife,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  /** Step 1, «Найти». */
  async checkPerson(dto: PersonCheckDto, clientAddress: string): Promise<PersonCheckView> {
    const iin = dto.iin.trim();
    const refused = (reason: string, detail: Record<string, number> = {}) =>
      this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.registration_refused', target: maskIin(iin), detail: { reason, ...detail }, clientAddress });
    if (!isValidIin(iin)) {
      await refused('invalid_iin');
      throw new ApiError(ApiErrorCode.InvalidIin, PORTAL_MESSAGES.invalidIin);
    }
    const blockedUntil = await this.guards.blockedUntil('registration', iin);
    if (blockedUntil) {
      await refused('blocked');
      throw blockedError(blockedUntil);
    }
    let person: PersonRecord | null;
    try {
      person = await this.people.findPerson(iin);
    } catch (error) {
      this.logger.error(`ГБД ФЛ did not answer: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError);
    }
    const refusal = personRefusal(person, dto);
    if (refusal) {
      const counted = await this.guards.failed('registration', iin);
      await refused(refusal.reason, { attemptsLeft: counted.attemptsLeft });
      if (counted.blockedUntil) throw blockedError(counted.blockedUntil, { refusal: refusal.message });
      throw new ApiError(ApiErrorCode.Rejected, refusal.message, { attemptsLeft: counted.attemptsLeft });
    }
    await this.guards.succeeded('registration', iin);
    if (await this.dataSource.getRepository(PortalAccount).existsBy({ login: iin })) {
      await refused('already_registered');
      throw new ApiError(ApiErrorCode.AlreadyRegistered, PORTAL_MESSAGES.alreadyRegistered, { forgotPassword: PORTAL_MESSAGES.forgotPassword });
    }

    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.PORTAL_REGISTRATION_STEP_SECONDS * 1000);
    const registrations = this.dataSource.getRepository(PortalRegistration);
    await registrations.delete({ expiresAt: LessThan(now) }); // what nobody finished: no personal data kept longer than its link
    await registrations.insert({ id, iin, stage: 'checked', tokenHash: this.tokenHash('checked', id, secret), email: null, language: null, passwordHash: null, createdAt: now, expiresAt });
    return {
      registrationToken: `${id}.${secret}`,
      expiresAt: expiresAt.toISOString(),
      person: { iin, documentNumber: dto.documentNumber.trim(), birthDate: dto.birthDate },
      passwordRule: PORTAL_MESSAGES.passwordLength,
      emailWarning: PORTAL_MESSAGES.corporateEmailWarning,
      temporaryRightsTerms: PORTAL_MESSAGES.temporaryRightsTerms(this.config.PORTAL_TEMPORARY_NOTICE_AFTER_DAYS + this.config.PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS),
    };
  }

  /** Step 2, «Далее»: the password (argon2id) and the e-mail with the link. */
  async submitPasswordAndEmail(dto: TemporaryRegistrationDto, clientAddress: string): Promise<{ message: string }> {
    const registration = await this.registrationOf(dto.registrationToken, 'checked');
    if (!registration || registration.expiresAt <= new Date()) throw new ApiError(ApiErrorCode.InvalidState, PORTAL_MESSAGES.technicalError);
    if (dto.password !== dto.passwordConfirmation) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.passwordConfirmationMismatch);
    const registrations = this.dataSource.getRepository(PortalRegistration);
    if (await this.dataSource.getRepository(PortalAccount).existsBy({ login: registration.iin })) {
      await registrations.delete({ id: registration.id });
      throw new ApiError(ApiErrorCode.AlreadyRegistered, PORTAL_MESSAGES.alreadyRegisteredAtPassword, { forgotPassword: PORTAL_MESSAGES.forgotPassword });
    }

    const secret = randomBytes(32).toString('base64url');
    const email = dto.email.trim();
    const language: PortalLanguage = dto.language ?? 'ru';
    const moved = await registrations.update(
      { id: registration.id, stage: 'checked', tokenHash: registration.tokenHash },
      {
        stage: 'awaiting_activation',
        tokenHash: this.tokenHash('awaiting_activation', registration.id, secret),
        email,
        language,
        passwordHash: await passwordHashing.hash(dto.password),
        expiresAt: new Date(Date.now() + this.config.PORTAL_ACTIVATION_LINK_HOURS * 3600_000),
      },
    );
    // Step 2 sent twice at once: the one that moved the row goes on.
    if (moved.affected !== 1) throw new ApiError(ApiErrorCode.InvalidState, PORTAL_MESSAGES.technicalError);

    const link = portalLinks(this.config.PORTAL_WEB_URL).activation(`${registration.id}.${secret}`);
    try {
      await this.mail.send({ to: email, ...activationMail({ language, login: registration.iin, link, hours: this.config.PORTAL_ACTIVATION_LINK_HOURS }) });
    } catch (error) {
      this.logger.error(`the activation e-mail was not sent: ${(error as Error).message}`);
      await registrations.delete({ id: registration.id });
      await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.registration_failed', target: maskIin(registration.iin), detail: { reason: 'mail_not_sent' }, clientAddress });
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError);
    }
    // Only the link just sent opens the account: earlier links of this IIN stop working.
    await registrations.delete({ iin: registration.iin, stage: 'awaiting_activation', id: Not(registration.id) });
    await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.registration_link_sent', target: maskIin(registration.iin), clientAddress });
    return { message: PORTAL_MESSAGES.confirmationSent(email) };
  }

  /** The e-mailed link: once, within its hours, it makes the account (temporary rights) and starts its life. */
  async activate(token: string, clientAddress: string): Promise<ActivatedAccountView> {
    const match = TOKEN.exec(token);
    if (!match) throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkNotValid);
    const [, id, secret] = match;
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The row's lock makes the link single-use even when it is followed twice at once.
      const registration = await manager.getRepository(PortalRegistration).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!registration || registration.stage !== 'awaiting_activation' || !keyedHashMatches(this.key, this.tokenInput('awaiting_activation', id, secret), registration.tokenHash)) {
        return 'not_valid' as const;
      }
      if (registration.expiresAt <= new Date()) {
        await manager.delete(PortalRegistration, { id });
        return 'expired' as const;
      }
      if (await manager.getRepository(PortalAccount).existsBy({ login: registration.iin })) {
        await manager.delete(PortalRegistration, { iin: registration.iin, stage: 'awaiting_activation' });
        return 'already_registered' as const;
      }
      const now = new Date();
      const account: PortalAccount = {
        id: randomUUID(),
        subjectType: 'individual',
        login: registration.iin,
        email: registration.email,
        language: registration.language ?? 'ru',
        passwordHash: registration.passwordHash!,
        rights: 'temporary',
        createdAt: now,
        lastSignInAt: null,
        deletionNoticeSentAt: null,
        passwordChangedAt: null,
        updatedAt: now,
      };
      await manager.insert(PortalAccount, account);
      // Every link of this IIN is spent; a step-1 ticket still open gets «…уже зарегистрирован» at «Далее».
      await manager.delete(PortalRegistration, { iin: registration.iin, stage: 'awaiting_activation' });
      await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.account_activated', target: maskIin(account.login), detail: { rights: 'temporary' }, clientAddress }, manager);
      // Inside the transaction: if Temporal does not take the account's life, there is no account and the link still works.
      await this.life.start(account.id, now);
      return account;
    }).catch((error: unknown) => {
      this.logger.error(`activation failed: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError);
    });
    switch (outcome) {
      case 'not_valid':
        throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkNotValid);
      case 'expired':
        throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkExpired);
      case 'already_registered':
        throw new ApiError(ApiErrorCode.AlreadyRegistered, PORTAL_MESSAGES.alreadyRegisteredAtPassword, { forgotPassword: PORTAL_MESSAGES.forgotPassword });
      default:
        return { message: PORTAL_MESSAGES.registeredTemporary, login: outcome.login, rights: 'temporary' };
    }
  }

  private async registrationOf(token: string, stage: PortalRegistrationStage): Promise<PortalRegistration | null> {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, id, secret] = match;
    const registration = await this.dataSource.getRepository(PortalRegistration).findOneBy({ id, stage });
    return registration && keyedHashMatches(this.key, this.tokenInput(stage, id, secret), registration.tokenHash) ? registration : null;
  }

  private tokenInput(stage: PortalRegistrationStage, id: string, secret: string): string {
    return `portal-registration:${stage}:${id}:${secret}`;
  }

  private tokenHash(stage: PortalRegistrationStage, id: string, secret: string): Buffer {
    return keyedHash(this.key, this.tokenInput(stage, id, secret));
  }
}
