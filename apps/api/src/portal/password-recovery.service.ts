import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MESSAGES, PORTAL_MESSAGES, PORTAL_OWN_MESSAGES } from '@app/contracts';
import { isValidBin, isValidIin, maskIin } from '@app/identity';
import type { MailSender } from '@app/mail';
import { PortalAccount } from '@app/models';
import { generatePortalPassword, newPasswordMail } from '@app/portal-accounts';
import type { LegalEntityRegisterClient, StateRegisterClient } from '@app/registers';
import { AuditJournal } from '../auth/audit-journal';
import { passwordHashing } from '../auth/password-hashing';
import { SessionService } from '../auth/session.service';
import { ApiError, ApiErrorCode } from '../common/api-error';
import type { EmailPasswordRecoveryDto } from './dto/password-recovery.dto';
import { PortalAttemptGuards, blockedError } from './portal-attempt-guards';
import { LEGAL_ENTITY_REGISTER, MAIL_SENDER, PEOPLE_REGISTER } from './portal-dependencies';

/**
 * «Забыли пароль» → «Смена пароля по е-майл» (seed 000 §V): the person's data are checked against the
 * state register (ГБД ФЛ: a valid document with this number and issue date; ГБД ЮЛ: the registration
 * certificate number); on a match a new password goes to the e-mail given at registration, and is
 * never shown on the page. A miss and an unknown account get one answer and count toward the same
 * block as the other steps (three, then 15 minutes).
 */
@Injectable()
export class PasswordRecoveryService {
  private readonly logger = new Logger(PasswordRecoveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_REGISTER) private readonly people: StateRegisterClient,
    @Inject(LEGAL_ENTITY_REGISTER) private readonly legalEntities: LegalEntityRegisterClient,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly guards: PortalAttemptGuards,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
  ) {}

  async recoverByEmail(dto: EmailPasswordRecoveryDto, clientAddress: string): Promise<{ message: string }> {
    const individual = dto.subjectType === 'individual';
    const login = (individual ? dto.iin : dto.bin)!.trim();
    const refused = (reason: string, detail: Record<string, number> = {}) =>
      this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.password_recovery_refused', target: maskIin(login), detail: { reason, ...detail }, clientAddress });
    if (individual ? !isValidIin(login) : !isValidBin(login)) {
      await refused('invalid_login');
      throw new ApiError(ApiErrorCode.InvalidIin, individual ? PORTAL_MESSAGES.invalidIin : MESSAGES.invalidBin, individual ? {} : { reason: 'invalid_bin' });
    }
    const blockedUntil = await this.guards.blockedUntil('recovery', login);
    if (blockedUntil) {
      await refused('blocked');
      throw blockedError(blockedUntil);
    }
    const account = await this.dataSource.getRepository(PortalAccount).findOneBy({ login, subjectType: dto.subjectType });
    // The register is asked either way: an unknown account takes as long as a known one.
    const matches = await this.registerConfirms(dto, login);
    if (!account || !matches) {
      const counted = await this.guards.failed('recovery', login);
      await refused(account ? 'data_mismatch' : 'unknown_login', { attemptsLeft: counted.attemptsLeft });
      if (counted.blockedUntil) throw blockedError(counted.blockedUntil);
      throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.recoveryMismatch, { reason: 'recovery_mismatch', attemptsLeft: counted.attemptsLeft });
    }
    await this.guards.succeeded('recovery', login);
    if (!account.email) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.noEmailOnRecord, { reason: 'no_email_on_record' });

    const password = generatePortalPassword();
    const passwordHash = await passwordHashing.hash(password);
    // The new password is kept only if the e-mail carrying it went out: a failed send leaves the old one.
    await this.dataSource
      .transaction(async (manager) => {
        const now = new Date();
        await manager.update(PortalAccount, { id: account.id }, { passwordHash, passwordChangedAt: now, updatedAt: now });
        await this.mail.send({ to: account.email!, ...newPasswordMail({ language: account.language, login, password }) });
      })
      .catch((error: unknown) => {
        this.logger.error(`password recovery e-mail not sent: ${(error as Error).message}`);
        throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_OWN_MESSAGES.serviceUnavailable, { reason: 'service_unavailable' });
      });
    const ended = await this.sessions.revokeAllOf('citizen', account.id);
    await this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.password_recovered', target: maskIin(login), detail: { method: 'email', sessionsEnded: ended }, clientAddress });
    return { message: PORTAL_MESSAGES.newPasswordSent };
  }

  private async registerConfirms(dto: EmailPasswordRecoveryDto, login: string): Promise<boolean> {
    try {
      if (dto.subjectType === 'individual') {
        const person = await this.people.findPerson(login);
        const number = dto.documentNumber!.trim().toUpperCase();
        return !!person?.documents.some((d) => d.state === 'valid' && d.number.toUpperCase() === number && d.issueDate === dto.documentIssueDate);
      }
      const entity = await this.legalEntities.findLegalEntity(login);
      return !!entity && entity.registrationNumber.trim().toUpperCase() === dto.registrationNumber!.trim().toUpperCase();
    } catch (error) {
      this.logger.error(`state register did not answer: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, PORTAL_OWN_MESSAGES.serviceUnavailable, { reason: 'service_unavailable' });
    }
  }
}
