import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, Not, type DataSource } from 'typeorm';
import { PORTAL_MESSAGES, PORTAL_OWN_MESSAGES, type PortalLanguage, type PortalRights, type SubjectType } from '@app/contracts';
import { keyedHash, keyedHashMatches } from '@app/crypto';
import { maskIin } from '@app/identity';
import type { MailSender } from '@app/mail';
import { PortalAccount, PortalRegistration, type PortalRegistrationStage } from '@app/models';
import { activationMail, portalLinks } from '@app/portal-accounts';
import { AuditJournal } from '../auth/audit-journal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { PortalAccountLife } from './portal-account-life';
import { MAIL_SENDER } from './portal-dependencies';

const TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

/** What the link makes: an account of this ИИН/БИН, with these rights, password and e-mail. */
export interface AccountToBe {
  login: string;
  subjectType: SubjectType;
  rights: PortalRights;
  email: string;
  language: PortalLanguage;
  passwordHash: string;
}

export interface ActivatedAccountView {
  message: string;
  login: string;
  rights: PortalRights;
}

/** «Пользователь с указанным ИИН/БИН уже зарегистрирован», with «Забыли пароль?». */
export const alreadyRegisteredError = () => new ApiError(ApiErrorCode.AlreadyRegistered, PORTAL_MESSAGES.alreadyRegisteredAtPassword, { reason: 'already_registered_at_password', forgotPassword: PORTAL_MESSAGES.forgotPassword });

/**
 * Registrations between their steps and the e-mailed link that ends them (seed 000 §II, both kinds):
 * tokens kept only as keyed hashes, a link used once and within PORTAL_ACTIVATION_LINK_HOURS, the
 * account made only when it is followed, and nothing kept when the e-mail cannot be sent.
 */
@Injectable()
export class PortalRegistrations {
  private readonly logger = new Logger(PortalRegistrations.name);
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly journal: AuditJournal,
    private readonly life: PortalAccountLife,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  /** Step 1 passed: a ticket for step 2, good for PORTAL_REGISTRATION_STEP_SECONDS. */
  async openChecked(iin: string): Promise<{ token: string; expiresAt: Date }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.PORTAL_REGISTRATION_STEP_SECONDS * 1000);
    const registrations = this.dataSource.getRepository(PortalRegistration);
    await registrations.delete({ expiresAt: LessThan(now) }); // what nobody finished: no personal data kept longer than its link
    await registrations.insert({
      id,
      login: iin,
      subjectType: 'individual',
      rights: 'temporary',
      stage: 'checked',
      tokenHash: this.tokenHash('checked', id, secret),
      email: null,
      language: null,
      passwordHash: null,
      createdAt: now,
      expiresAt,
    });
    return { token: `${id}.${secret}`, expiresAt };
  }

  /** The step-1 ticket, while it is good; null otherwise. */
  async checked(token: string): Promise<PortalRegistration | null> {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, id, secret] = match;
    const registration = await this.dataSource.getRepository(PortalRegistration).findOneBy({ id, stage: 'checked' });
    if (!registration || !keyedHashMatches(this.key, this.tokenInput('checked', id, secret), registration.tokenHash)) return null;
    return registration.expiresAt > new Date() ? registration : null;
  }

  /**
   * Keeps the account-to-be (from a step-1 ticket, `from`, or new) and e-mails the link. Answers the
   * seed's technical-error words, keeping nothing, when the e-mail does not go.
   */
  async sendLink(account: AccountToBe, clientAddress: string, from?: PortalRegistration): Promise<{ message: string }> {
    if (await this.dataSource.getRepository(PortalAccount).existsBy({ login: account.login })) {
      if (from) await this.dataSource.getRepository(PortalRegistration).delete({ id: from.id });
      throw alreadyRegisteredError();
    }
    const registrations = this.dataSource.getRepository(PortalRegistration);
    const id = from?.id ?? randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const awaiting = {
      ...account,
      stage: 'awaiting_activation' as const,
      tokenHash: this.tokenHash('awaiting_activation', id, secret),
      expiresAt: new Date(now.getTime() + this.config.PORTAL_ACTIVATION_LINK_HOURS * 3600_000),
    };
    if (from) {
      const moved = await registrations.update({ id, stage: 'checked', tokenHash: from.tokenHash }, awaiting);
      // Step 2 sent twice at once: the one that moved the row goes on.
      if (moved.affected !== 1) throw new ApiError(ApiErrorCode.InvalidState, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
    } else {
      await registrations.insert({ id, ...awaiting, createdAt: now });
    }

    const link = portalLinks(this.config.PORTAL_WEB_URL).activation(`${id}.${secret}`);
    try {
      await this.mail.send({ to: account.email, ...activationMail({ language: account.language, login: account.login, link, hours: this.config.PORTAL_ACTIVATION_LINK_HOURS }) });
    } catch (error) {
      this.logger.error(`the activation e-mail was not sent: ${(error as Error).message}`);
      await registrations.delete({ id });
      await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.registration_failed', target: maskIin(account.login), detail: { reason: 'mail_not_sent' }, clientAddress });
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
    }
    // Only the link just sent opens the account: earlier links of this ИИН/БИН stop working.
    await registrations.delete({ login: account.login, stage: 'awaiting_activation', id: Not(id) });
    await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.registration_link_sent', target: maskIin(account.login), detail: { rights: account.rights }, clientAddress });
    return { message: PORTAL_MESSAGES.confirmationSent(account.email) };
  }

  /** The e-mailed link: once, within its hours, it makes the account; a temporary one's life starts. */
  async activate(token: string, clientAddress: string): Promise<ActivatedAccountView> {
    const match = TOKEN.exec(token);
    if (!match) throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkNotValid, { reason: 'link_not_valid' });
    const [, id, secret] = match;
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        // The row's lock makes the link single-use even when it is followed twice at once.
        const registration = await manager.getRepository(PortalRegistration).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!registration || registration.stage !== 'awaiting_activation' || !keyedHashMatches(this.key, this.tokenInput('awaiting_activation', id, secret), registration.tokenHash)) {
          return 'not_valid' as const;
        }
        if (registration.expiresAt <= new Date()) {
          await manager.delete(PortalRegistration, { id });
          return 'expired' as const;
        }
        const links = { login: registration.login, stage: 'awaiting_activation' as PortalRegistrationStage };
        if (await manager.getRepository(PortalAccount).existsBy({ login: registration.login })) {
          await manager.delete(PortalRegistration, links);
          return 'already_registered' as const;
        }
        const now = new Date();
        const account: PortalAccount = {
          id: randomUUID(),
          subjectType: registration.subjectType,
          login: registration.login,
          email: registration.email,
          language: registration.language ?? 'ru',
          passwordHash: registration.passwordHash!,
          rights: registration.rights,
          createdAt: now,
          lastSignInAt: null,
          deletionNoticeSentAt: null,
          passwordChangedAt: null,
          updatedAt: now,
        };
        await manager.insert(PortalAccount, account);
        // Every link of this ИИН/БИН is spent; a step-1 ticket still open gets «…уже зарегистрирован» at «Далее».
        await manager.delete(PortalRegistration, links);
        await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.account_activated', target: maskIin(account.login), detail: { rights: account.rights }, clientAddress }, manager);
        // Inside the transaction: if Temporal does not take the account's life, there is no account and the link still works.
        if (account.rights === 'temporary') await this.life.start(account.id, now);
        return account;
      })
      .catch((error: unknown) => {
        this.logger.error(`activation failed: ${(error as Error).message}`);
        throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_MESSAGES.technicalError, { reason: 'technical_error' });
      });
    switch (outcome) {
      case 'not_valid':
        throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkNotValid, { reason: 'link_not_valid' });
      case 'expired':
        throw new ApiError(ApiErrorCode.LinkNotValid, PORTAL_OWN_MESSAGES.linkExpired, { reason: 'link_expired' });
      case 'already_registered':
        throw alreadyRegisteredError();
      default:
        return { message: outcome.rights === 'full' ? PORTAL_MESSAGES.registeredWithSignature : PORTAL_MESSAGES.registeredTemporary, login: outcome.login, rights: outcome.rights };
    }
  }

  private tokenInput(stage: PortalRegistrationStage, id: string, secret: string): string {
    return `portal-registration:${stage}:${id}:${secret}`;
  }

  private tokenHash(stage: PortalRegistrationStage, id: string, secret: string): Buffer {
    return keyedHash(this.key, this.tokenInput(stage, id, secret));
  }
}
