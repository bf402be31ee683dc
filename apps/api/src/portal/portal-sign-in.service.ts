import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PORTAL_MESSAGES, PORTAL_OWN_MESSAGES, type PortalRights, type SubjectType } from '@app/contracts';
import { isValidBin, isValidIin, maskIin } from '@app/identity';
import { PortalAccount } from '@app/models';
import { AuditJournal } from '../auth/audit-journal';
import { passwordHashing, type PasswordHashing } from '../auth/password-hashing';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import type { PasswordChangeDto, PortalSignInDto } from './dto/sign-in.dto';
import { PortalAccountLife } from './portal-account-life';
import { PortalAttemptGuards, blockedError } from './portal-attempt-guards';

/** The password hasher, by this token (a test counts the work done for an unknown login). */
export const PASSWORD_HASHING = Symbol('PASSWORD_HASHING');

export type CitizenPrincipal = Extract<Principal, { kind: 'citizen' }>;

export interface PortalSessionView {
  token: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
  account: { login: string; subjectType: SubjectType; rights: PortalRights; email: string | null };
}

/**
 * «Вход по двум критериям: ИИН/БИН и пароль» (seed 000 §IV): an unknown login and a wrong password get
 * the same answer after the same work (an argon2id verification either way, the same counter), three
 * failures in a row block the login for 15 minutes, every failure is journaled. Sessions are
 * server-side (`ctz.` tokens): they expire, and end at sign-out and at a password change.
 */
@Injectable()
export class PortalSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PASSWORD_HASHING) private readonly passwords: PasswordHashing,
    private readonly guards: PortalAttemptGuards,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
    private readonly life: PortalAccountLife,
  ) {}

  async signIn(dto: PortalSignInDto, clientAddress: string): Promise<PortalSessionView> {
    const login = dto.login.trim();
    const refused = (reason: string, detail: Record<string, number> = {}) =>
      this.journal.record({ actor: { kind: 'anonymous' }, action: 'portal.sign_in_refused', target: maskIin(login), detail: { reason, ...detail }, clientAddress });
    if (!isValidIin(login) && !isValidBin(login)) {
      await refused('invalid_login');
      throw new ApiError(ApiErrorCode.InvalidIin, PORTAL_MESSAGES.invalidIin);
    }
    const blockedUntil = await this.guards.blockedUntil('sign_in', login);
    if (blockedUntil) {
      await refused('blocked');
      throw blockedError(blockedUntil);
    }
    const account = await this.dataSource.getRepository(PortalAccount).findOneBy({ login });
    // An account made by a signature sign-in has no password until one is set: it costs the same as a nobody.
    const passwordOk = account?.passwordHash ? await this.passwords.verify(account.passwordHash, dto.password) : await this.passwords.verifyNobody(dto.password);
    if (!account || !passwordOk) {
      const counted = await this.guards.failed('sign_in', login);
      // The journal tells them apart for whoever investigates; the answer does not.
      await refused(account ? 'wrong_password' : 'unknown_login', { attemptsLeft: counted.attemptsLeft });
      if (counted.blockedUntil) throw blockedError(counted.blockedUntil);
      throw new ApiError(ApiErrorCode.Unauthenticated, PORTAL_MESSAGES.signInFailed, { reason: 'sign_in_failed', attemptsLeft: counted.attemptsLeft });
    }
    await this.guards.succeeded('sign_in', login);
    const now = new Date();
    await this.dataSource.getRepository(PortalAccount).update({ id: account.id }, { lastSignInAt: now, updatedAt: now });
    const session = await this.sessions.open({ kind: 'citizen', subjectId: account.id, data: { login, method: 'password' }, ttlSeconds: this.config.PORTAL_SESSION_TTL_SECONDS, clientAddress });
    await this.journal.record({
      actor: { kind: 'citizen', accountId: account.id, login, rights: account.rights, signedInWith: 'password', sessionId: session.sessionId },
      action: 'portal.sign_in',
      target: maskIin(login),
      detail: { method: 'password' },
      clientAddress,
    });
    if (account.rights === 'temporary') await this.life.signedIn(account.id, now);
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: this.config.PORTAL_SESSION_IDLE_SECONDS,
      account: { login, subjectType: account.subjectType, rights: account.rights, email: account.email },
    };
  }

  async signOut(principal: CitizenPrincipal, clientAddress: string): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
    await this.journal.record({ actor: principal, action: 'portal.sign_out', target: maskIin(principal.login), clientAddress });
  }

  /**
   * A new password for a signed-in person. After a password sign-in the current one comes first (a
   * wrong one counts toward the sign-in block, so a stolen session cannot try passwords at leisure);
   * after a sign-in with a signature it does not (seed 000 §V, «Смена пароля по ЭЦП»), and the
   * e-mail may be set in the same form. Every session of the account ends.
   */
  async changePassword(principal: CitizenPrincipal, dto: PasswordChangeDto, clientAddress: string): Promise<void> {
    const account = await this.dataSource.getRepository(PortalAccount).findOneByOrFail({ id: principal.accountId });
    if (principal.signedInWith === 'password') await this.checkCurrentPassword(principal, account, dto.currentPassword, clientAddress);
    else if (dto.email === undefined && !account.email) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.emailRequired, { reason: 'email_required' });
    if (dto.newPassword !== dto.newPasswordConfirmation) throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.passwordConfirmationMismatch, { reason: 'password_confirmation_mismatch' });
    if (dto.email !== undefined && principal.signedInWith !== 'signature') throw new ApiError(ApiErrorCode.Forbidden, PORTAL_OWN_MESSAGES.emailBySignatureOnly, { reason: 'email_by_signature_only' });
    const now = new Date();
    await this.dataSource.getRepository(PortalAccount).update(
      { id: account.id },
      { passwordHash: await this.passwords.hash(dto.newPassword), passwordChangedAt: now, updatedAt: now, ...(dto.email !== undefined ? { email: dto.email.trim() } : {}) },
    );
    const ended = await this.sessions.revokeAllOf('citizen', account.id);
    await this.journal.record({ actor: principal, action: 'portal.password_changed', target: maskIin(account.login), detail: { method: principal.signedInWith, sessionsEnded: ended }, clientAddress });
  }

  private async checkCurrentPassword(principal: CitizenPrincipal, account: PortalAccount, currentPassword: string | undefined, clientAddress: string): Promise<void> {
    const blockedUntil = await this.guards.blockedUntil('sign_in', account.login);
    if (blockedUntil) throw blockedError(blockedUntil);
    if (currentPassword !== undefined && account.passwordHash && (await this.passwords.verify(account.passwordHash, currentPassword))) return;
    const counted = await this.guards.failed('sign_in', account.login);
    await this.journal.record({ actor: principal, action: 'portal.password_change_refused', target: maskIin(account.login), detail: { reason: 'wrong_password', attemptsLeft: counted.attemptsLeft }, clientAddress });
    if (counted.blockedUntil) {
      await this.sessions.revokeAllOf('citizen', account.id);
      throw blockedError(counted.blockedUntil);
    }
    throw new ApiError(ApiErrorCode.Rejected, PORTAL_OWN_MESSAGES.currentPasswordWrong, { reason: 'current_password_wrong', attemptsLeft: counted.attemptsLeft });
  }
}

export const PASSWORD_HASHING_PROVIDER = { provide: PASSWORD_HASHING, useValue: passwordHashing };
