import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PORTAL_MESSAGES, PORTAL_OWN_MESSAGES } from '@app/contracts';
import { registerRecordEligibility } from '@app/eligibility';
import { isValidIin, maskIin } from '@app/identity';
import { PortalAccount } from '@app/models';
import type { PersonRecord, StateRegisterClient } from '@app/registers';
import { AuditJournal } from '../auth/audit-journal';
import { passwordHashing } from '../auth/password-hashing';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import type { PersonCheckDto, TemporaryRegistrationDto } from './dto/registration.dto';
import { PortalAttemptGuards, blockedError } from './portal-attempt-guards';
import { PEOPLE_REGISTER } from './portal-dependencies';
import { PortalRegistrations } from './portal-registrations';

export interface PersonCheckView {
  /** Carries step 1 to step 2 («Далее»). */
  registrationToken: string;
  expiresAt: string;
  person: { iin: string; documentNumber: string; birthDate: string };
  passwordRule: string;
  emailWarning: string;
  temporaryRightsTerms: string;
}

/** Why ГБД ФЛ did not confirm the person, in the words the person reads. */
function personRefusal(person: PersonRecord | null, dto: PersonCheckDto): { reason: string; message: string; code?: number } | null {
  // The data first: nobody learns a stranger's life status or exclusion code from an IIN alone.
  if (person) {
    const number = dto.documentNumber.trim().toUpperCase();
    const documentIsTheirs = person.documents.some((d) => d.state === 'valid' && d.number.toUpperCase() === number);
    if (!documentIsTheirs || person.birthDate !== dto.birthDate) return { reason: 'data_mismatch', message: PORTAL_OWN_MESSAGES.personDataMismatch };
  }
  const eligibility = registerRecordEligibility(person);
  if (eligibility.eligible) return null;
  return { reason: eligibility.reason, message: eligibility.message, ...(eligibility.code !== undefined ? { code: eligibility.code } : {}) };
}

/**
 * «Временная регистрация без электронно-цифровой подписи» (seed 000 §II): ГБД ФЛ confirms the person
 * (step 1), then the password and e-mail (step 2); the e-mailed link makes the account, with
 * temporary rights (PortalRegistrations).
 */
@Injectable()
export class TemporaryRegistrationService {
  private readonly logger = new Logger(TemporaryRegistrationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PEOPLE_REGISTER) private readonly people: StateRegisterClient,
    private readonly guards: PortalAttemptGuards,
    private readonly journal: AuditJournal,
    private readonly registrations: PortalRegistrations,
  ) {}

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
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
    }
    const refusal = personRefusal(person, dto);
    if (refusal) {
      const counted = await this.guards.failed('registration', iin);
      await refused(refusal.reason, { attemptsLeft: counted.attemptsLeft });
      if (counted.blockedUntil) throw blockedError(counted.blockedUntil, { refusal: refusal.message });
      throw new ApiError(ApiErrorCode.Rejected, refusal.message, { reason: refusal.reason, ...(refusal.code !== undefined ? { registerCode: refusal.code } : {}), attemptsLeft: counted.attemptsLeft });
    }
    await this.guards.succeeded('registration', iin);
    if (await this.dataSource.getRepository(PortalAccount).existsBy({ login: iin })) {
      await refused('already_registered');
      throw new ApiError(ApiErrorCode.AlreadyRegistered, PORTAL_MESSAGES.alreadyRegistered, { forgotPassword: PORTAL_MESSAGES.forgotPassword });
    }

    const ticket = await this.registrations.openChecked(iin);
    return {
      registrationToken: ticket.token,
      expiresAt: ticket.expiresAt.toISOString(),
      person: { iin, documentNumber: dto.documentNumber.trim(), birthDate: dto.birthDate },
      passwordRule: PORTAL_MESSAGES.passwordLength,
      emailWarning: PORTAL_MESSAGES.corporateEmailWarning,
      temporaryRightsTerms: PORTAL_MESSAGES.temporaryRightsTerms(this.config.PORTAL_TEMPORARY_NOTICE_AFTER_DAYS + this.config.PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS),
    };
  }

  /** Step 2, «Далее»: the password (argon2id) and the e-mail with the link. */
  async submitPasswordAndEmail(dto: TemporaryRegistrationDto, clientAddress: string): Promise<{ message: string }> {
    const registration = await this.registrations.checked(dto.registrationToken);
    if (!registration) throw new ApiError(ApiErrorCode.InvalidState, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
    if (dto.password !== dto.passwordConfirmation) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.passwordConfirmationMismatch, { reason: 'password_confirmation_mismatch' });
    const account = {
      login: registration.login,
      subjectType: 'individual' as const,
      rights: 'temporary' as const,
      email: dto.email.trim(),
      language: dto.language ?? 'ru',
      passwordHash: await passwordHashing.hash(dto.password),
    };
    return this.registrations.sendLink(account, clientAddress, registration);
  }
}
