import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { keyedHash, keyedHashMatches } from '@app/crypto';
import { maskPhone } from '@app/identity';
import type { SmsSender } from '@app/messaging';
import { McdbPhoneRegistration, type JsonFields } from '@app/models';
import { generateOtpCode } from '@app/otp';
import { RegisterUnavailableError, type MobileCitizenRegistry, type StateRegisterClient } from '@app/registers';
import { AuditJournal } from '../auth/audit-journal';
import { maskIin, type Principal } from '../auth/principal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { judgeDictatedCode } from './dictated-code';
import { MCDB_SMS, MOBILE_CITIZEN_REGISTRY, STATE_REGISTER } from './mcdb-tokens';

type Operator = Extract<Principal, { kind: 'staff' }>;

export interface McdbRegistrationView {
  registrationId: string;
  status: McdbPhoneRegistration['status'];
  iinMasked: string;
  phoneMasked: string;
  /** The IIN had another phone in БМГ: this replaces it. */
  reregistration: boolean;
  codeExpiresAt: string;
  attemptsLeft: number;
  message: string;
}

const MESSAGES = {
  codeSent: (phone: string) => `Код отправлен на номер ${phone}. Попросите заявителя продиктовать его`,
  registered: 'Номер телефона зарегистрирован в базе мобильных граждан',
  reregistered: 'Номер телефона перерегистрирован в базе мобильных граждан',
};

/**
 * Seed 002 step 5: on the video call the operator sees the ID card, takes the IIN and the phone, and
 * a code goes to that phone; the applicant dictates it back, which proves the phone is theirs, and
 * the phone is registered in БМГ (replacing an earlier one). Every step is journaled.
 */
@Injectable()
export class McdbRegistrationsService {
  private readonly logger = new Logger(McdbRegistrationsService.name);
  private readonly codeKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MOBILE_CITIZEN_REGISTRY) private readonly mobileCitizens: MobileCitizenRegistry,
    @Inject(STATE_REGISTER) private readonly people: StateRegisterClient,
    @Inject(MCDB_SMS) private readonly sms: SmsSender,
    private readonly journal: AuditJournal,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.codeKey = Buffer.from(config.OTP_HMAC_KEY, 'base64');
  }

  async start(operator: Operator, input: { iin: string; phone: string }, clientAddress: string): Promise<McdbRegistrationView> {
    const about = { iin: maskIin(input.iin), phone: maskPhone(input.phone) };
    const [person, currentPhone] = await this.fromRegisters(() => Promise.all([this.people.findPerson(input.iin), this.mobileCitizens.findPhone(input.iin)]));
    if (!person) {
      await this.journal.record({ actor: operator, action: 'mcdb.registration_refused', target: about.iin, detail: { ...about, reason: 'not_in_population_register' }, clientAddress });
      throw new ApiError(ApiErrorCode.Rejected, 'ИИН не найден в государственной базе данных физических лиц: проверьте ИИН по удостоверению личности');
    }

    const id = randomUUID();
    const code = generateOtpCode(this.config.OTP_LENGTH);
    const now = new Date();
    const registration: McdbPhoneRegistration = {
      id,
      iin: input.iin,
      phone: input.phone,
      phoneMasked: about.phone,
      operatorId: operator.staffId,
      reregistration: currentPhone !== null,
      codeHash: this.codeHash(id, code),
      codeExpiresAt: new Date(now.getTime() + this.config.MCDB_CODE_TTL_SECONDS * 1000),
      failedAttempts: 0,
      status: 'code_sent',
      createdAt: now,
      completedAt: null,
    };
    await this.dataSource.getRepository(McdbPhoneRegistration).insert(registration);
    try {
      await this.sms.send(input.phone, `Код для регистрации номера в базе мобильных граждан: ${code}. Продиктуйте его оператору видеозвонка. eGov`);
    } catch (error) {
      this.logger.error(`could not send the registration code: ${(error as Error).message}`);
      await this.end(this.dataSource.manager, registration, 'expired');
      await this.journal.record({ actor: operator, action: 'mcdb.sms_failed', target: id, detail: about, clientAddress });
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the SMS could not be sent; try again in a minute');
    }
    await this.journal.record({ actor: operator, action: 'mcdb.code_sent', target: id, detail: { ...about, reregistration: registration.reregistration }, clientAddress });
    return this.view(registration, MESSAGES.codeSent(about.phone));
  }

  async get(operator: Operator, id: string): Promise<McdbRegistrationView> {
    const registration = await this.dataSource.getRepository(McdbPhoneRegistration).findOneBy({ id, operatorId: operator.staffId });
    if (!registration) throw notFound();
    return this.view(registration, this.statusMessage(registration));
  }

  /** The code as the applicant dictated it; when it is right, the phone goes into БМГ. */
  async confirm(operator: Operator, id: string, code: string, clientAddress: string): Promise<McdbRegistrationView> {
    let answer: { registration: McdbPhoneRegistration; decision: ReturnType<typeof judgeDictatedCode> };
    try {
      answer = await this.dataSource.transaction(async (manager) => {
        const registration = await manager
          .getRepository(McdbPhoneRegistration)
          .createQueryBuilder('r')
          .setLock('pessimistic_write')
          .where('r.id = :id AND r.operator_id = :operatorId', { id, operatorId: operator.staffId })
          .getOne();
        if (!registration) throw notFound();
        const matches = registration.codeHash !== null && keyedHashMatches(this.codeKey, `mcdb:${id}:${code}`, registration.codeHash);
        const decision = judgeDictatedCode(registration, matches, new Date(), this.config.MCDB_CODE_MAX_ATTEMPTS);
        const detail: JsonFields = { iin: maskIin(registration.iin), phone: registration.phoneMasked };
        const journal = (action: string, extra: JsonFields = {}) => this.journal.record({ actor: operator, action, target: id, detail: { ...detail, ...extra }, clientAddress }, manager);
        switch (decision.outcome) {
          case 'closed':
            break;
          case 'expired':
            await this.end(manager, registration, 'expired');
            await journal('mcdb.code_expired');
            break;
          case 'wrong':
            registration.failedAttempts += 1;
            await manager.update(McdbPhoneRegistration, { id }, { failedAttempts: registration.failedAttempts });
            await journal('mcdb.code_wrong', { attemptsLeft: decision.attemptsLeft });
            break;
          case 'attempts_exhausted':
            registration.failedAttempts += 1;
            await this.end(manager, registration, 'attempts_exhausted');
            await journal('mcdb.attempts_exhausted');
            break;
          case 'confirmed': {
            // Under the row lock: the same code cannot register twice. Should БМГ not answer, nothing
            // here is kept and the code can be entered again.
            const record = await this.mobileCitizens.registerPhone(registration.iin, registration.phone!);
            if (!record) throw new ApiError(ApiErrorCode.Rejected, 'БМГ does not know this IIN: check it against the ID card and start again');
            await this.end(manager, registration, 'registered');
            await journal('mcdb.phone_registered', { reregistration: registration.reregistration });
            break;
          }
        }
        return { registration, decision };
      });
    } catch (error) {
      if (!(error instanceof RegisterUnavailableError)) throw error;
      await this.journal.record({ actor: operator, action: 'mcdb.register_unavailable', target: id, clientAddress });
      throw unavailable();
    }

    const { registration, decision } = answer;
    switch (decision.outcome) {
      case 'confirmed':
        return this.view(registration, this.statusMessage(registration));
      case 'wrong':
        throw new ApiError(ApiErrorCode.OtpWrong, `Неверный код. Осталось попыток: ${decision.attemptsLeft}`, { attemptsLeft: decision.attemptsLeft });
      case 'attempts_exhausted':
        throw new ApiError(ApiErrorCode.CodeAttemptsExhausted, `Код введён неверно ${this.config.MCDB_CODE_MAX_ATTEMPTS} раза: начните регистрацию заново, на телефон придёт новый код`);
      case 'expired':
        throw new ApiError(ApiErrorCode.OtpExpired, 'Срок действия кода истёк: начните регистрацию заново, на телефон придёт новый код');
      case 'closed':
        throw new ApiError(ApiErrorCode.InvalidState, `this registration has ended (status: ${registration.status}); start a new one`);
    }
  }

  private codeHash(id: string, code: string): Buffer {
    return keyedHash(this.codeKey, `mcdb:${id}:${code}`);
  }

  /** An ended registration keeps neither the code nor the number. */
  private async end(manager: EntityManager, registration: McdbPhoneRegistration, status: McdbPhoneRegistration['status']): Promise<void> {
    Object.assign(registration, { status, phone: null, codeHash: null, completedAt: new Date() });
    await manager.update(McdbPhoneRegistration, { id: registration.id }, { status, phone: null, codeHash: null, completedAt: registration.completedAt, failedAttempts: registration.failedAttempts });
  }

  private async fromRegisters<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RegisterUnavailableError) throw unavailable();
      throw error;
    }
  }

  private statusMessage(registration: McdbPhoneRegistration): string {
    if (registration.status === 'registered') return registration.reregistration ? MESSAGES.reregistered : MESSAGES.registered;
    if (registration.status === 'code_sent') return MESSAGES.codeSent(registration.phoneMasked);
    return 'Регистрация не завершена: начните заново';
  }

  private view(registration: McdbPhoneRegistration, message: string): McdbRegistrationView {
    return {
      registrationId: registration.id,
      status: registration.status,
      iinMasked: maskIin(registration.iin),
      phoneMasked: registration.phoneMasked,
      reregistration: registration.reregistration,
      codeExpiresAt: registration.codeExpiresAt.toISOString(),
      attemptsLeft: registration.status === 'code_sent' ? this.config.MCDB_CODE_MAX_ATTEMPTS - registration.failedAttempts : 0,
      message,
    };
  }
}

const notFound = () => new ApiError(ApiErrorCode.RegistrationNotFound, 'no such registration of yours');
const unavailable = () => new ApiError(ApiErrorCode.ServiceUnavailable, 'the mobile citizens database does not answer right now; try again in a minute (the code stays valid)');
