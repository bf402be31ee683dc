import { randomUUID } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { DataSource, EntityManager } from 'typeorm';
import { SealedBox } from '@app/crypto';
import { AuthSession, STAFF_ROLES, StaffAccount, type StaffRole } from '@app/models';
import { IsNull } from 'typeorm';
import { passwordHashing } from './password-hashing';

export const TOTP_ISSUER = 'Digital ID onboarding';
const TOTP_PERIOD_SECONDS = 30;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export interface StaffAccountsOptions {
  /** Seals TOTP secrets (STAFF_SECRETS_KEY). */
  secretsBox: SealedBox;
  maxFailedSignIns: number;
  lockoutSeconds: number;
}

/** The options from configuration (STAFF_SECRETS_KEY and the lockout): the API, the command-line tool and the tests build them alike. */
export function staffAccountsOptions(config: { STAFF_SECRETS_KEY: string; STAFF_MAX_FAILED_SIGN_INS: number; STAFF_LOCKOUT_SECONDS: number }): StaffAccountsOptions {
  return {
    secretsBox: SealedBox.fromBase64(config.STAFF_SECRETS_KEY, 'STAFF_SECRETS_KEY'),
    maxFailedSignIns: config.STAFF_MAX_FAILED_SIGN_INS,
    lockoutSeconds: config.STAFF_LOCKOUT_SECONDS,
  };
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  roles: StaffRole[];
  password: string;
}

/** What enrolling the second factor gives the person, once: the secret for their authenticator app. */
export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

export type SignInRefusal = 'unknown_or_wrong' | 'second_factor_required' | 'locked' | 'disabled' | 'no_second_factor_enrolled';

export type SignInOutcome =
  | { ok: true; account: StaffAccount }
  | { ok: false; refusal: SignInRefusal; account?: StaffAccount; lockedUntil?: Date; attemptsLeft?: number };

export class StaffAccountError extends Error {}

export const rolesOf = (account: StaffAccount): StaffRole[] => account.roles.split(',').filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));

export function checkPassword(password: string): string | null {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return `a staff password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`;
  if (!/[A-Za-zА-Яа-яЁё]/.test(password) || !/\d/.test(password)) return 'a staff password needs letters and digits';
  return null;
}

/**
 * Staff accounts: created, disabled and reset by the command-line tool, signed into through the API.
 * Passwords are argon2id hashes; the TOTP secret is sealed; a code is accepted once; repeated failures
 * lock the account for a while (the administrator can unlock it earlier).
 */
export class StaffAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: StaffAccountsOptions,
  ) {}

  async create(input: NewStaffAccount): Promise<{ account: StaffAccount; totp: TotpEnrolment }> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,64}$/.test(username)) throw new StaffAccountError('a username has 3–64 letters a–z, digits, ".", "_" or "-"');
    if (input.roles.length === 0 || input.roles.some((r) => !STAFF_ROLES.includes(r))) throw new StaffAccountError(`roles are some of: ${STAFF_ROLES.join(', ')}`);
    const problem = checkPassword(input.password);
    if (problem) throw new StaffAccountError(problem);
    if (await this.dataSource.getRepository(StaffAccount).existsBy({ username })) throw new StaffAccountError(`the username ${username} is taken`);
    const secret = generateSecret();
    const now = new Date();
    const account: StaffAccount = {
      id: randomUUID(),
      username,
      displayName: input.displayName.trim() || username,
      roles: [...new Set(input.roles)].join(','),
      passwordHash: await passwordHashing.hash(input.password),
      totpSecretSealed: this.sealSecret(secret, username),
      totpLastStep: null,
      failedSignIns: 0,
      lockedUntil: null,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.getRepository(StaffAccount).insert(account);
    return { account, totp: this.enrolment(username, secret) };
  }

  async find(username: string): Promise<StaffAccount | null> {
    return this.dataSource.getRepository(StaffAccount).findOneBy({ username: username.trim().toLowerCase() });
  }

  async list(): Promise<StaffAccount[]> {
    return this.dataSource.getRepository(StaffAccount).find({ order: { username: 'ASC' } });
  }

  /** Disables the account and ends its sessions at once. */
  async disable(username: string): Promise<StaffAccount> {
    return this.dataSource.transaction(async (manager) => {
      const account = await this.locked(manager, username);
      account.disabledAt = new Date();
      account.updatedAt = account.disabledAt;
      await manager.save(account);
      await manager.update(AuthSession, { kind: 'staff', subjectId: account.id, revokedAt: IsNull() }, { revokedAt: account.disabledAt });
      return account;
    });
  }

  async enable(username: string): Promise<StaffAccount> {
    return this.change(username, (account) => {
      account.disabledAt = null;
      account.failedSignIns = 0;
      account.lockedUntil = null;
    });
  }

  async unlock(username: string): Promise<StaffAccount> {
    return this.change(username, (account) => {
      account.failedSignIns = 0;
      account.lockedUntil = null;
    });
  }

  async setPassword(username: string, password: string): Promise<StaffAccount> {
    const problem = checkPassword(password);
    if (problem) throw new StaffAccountError(problem);
    const passwordHash = await passwordHashing.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.locked(manager, username);
      account.passwordHash = passwordHash;
      account.updatedAt = new Date();
      await manager.save(account);
      await manager.update(AuthSession, { kind: 'staff', subjectId: account.id, revokedAt: IsNull() }, { revokedAt: account.updatedAt });
      return account;
    });
  }

  /** A new TOTP secret (a lost phone): the old codes stop working. */
  async resetTotp(username: string): Promise<TotpEnrolment> {
    const secret = generateSecret();
    const account = await this.change(username, (a) => {
      a.totpSecretSealed = this.sealSecret(secret, a.username);
      a.totpLastStep = null;
    });
    return this.enrolment(account.username, secret);
  }

  /**
   * Password and TOTP code, under the account's row lock (parallel guesses are counted one by one).
   * Every refusal that is the caller's fault counts toward the lockout.
   */
  async signIn(username: string, password: string, code: string | undefined, at = new Date()): Promise<SignInOutcome> {
    const normalised = username.trim().toLowerCase();
    const known = await this.dataSource.getRepository(StaffAccount).findOneBy({ username: normalised });
    if (!known) {
      await passwordHashing.verifyNobody(password);
      return { ok: false, refusal: 'unknown_or_wrong' };
    }
    // argon2 outside the transaction: a slow hash must not hold the row lock.
    const passwordOk = await passwordHashing.verify(known.passwordHash, password);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.locked(manager, normalised);
      if (account.disabledAt) return { ok: false, refusal: 'disabled', account };
      if (account.lockedUntil && account.lockedUntil > at) return { ok: false, refusal: 'locked', account, lockedUntil: account.lockedUntil };
      if (!passwordOk || account.passwordHash !== known.passwordHash) return this.failed(manager, account, 'unknown_or_wrong', at);
      if (!account.totpSecretSealed) return { ok: false, refusal: 'no_second_factor_enrolled', account };
      if (!code || !/^\d{6}$/.test(code)) return this.failed(manager, account, 'second_factor_required', at);
      const secret = this.options.secretsBox.open(account.totpSecretSealed, `staff-totp:${account.username}`).toString('utf8');
      const result = await verifyTotp({
        secret,
        token: code,
        epoch: Math.floor(at.getTime() / 1000),
        // the current period and the one before it (a code typed just as it changed)
        epochTolerance: [TOTP_PERIOD_SECONDS, 0],
        ...(account.totpLastStep !== null ? { afterTimeStep: Number(account.totpLastStep) } : {}),
      });
      if (!result.valid) return this.failed(manager, account, 'second_factor_required', at);
      account.totpLastStep = String(Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS) + result.delta);
      account.failedSignIns = 0;
      account.lockedUntil = null;
      account.updatedAt = at;
      await manager.save(account);
      return { ok: true, account };
    });
  }

  private async failed(manager: EntityManager, account: StaffAccount, refusal: SignInRefusal, at: Date): Promise<SignInOutcome> {
    account.failedSignIns += 1;
    account.updatedAt = at;
    let lockedUntil: Date | undefined;
    if (account.failedSignIns >= this.options.maxFailedSignIns) {
      lockedUntil = new Date(at.getTime() + this.options.lockoutSeconds * 1000);
      account.lockedUntil = lockedUntil;
      account.failedSignIns = 0;
    }
    await manager.save(account);
    return lockedUntil
      ? { ok: false, refusal: 'locked', account, lockedUntil }
      : { ok: false, refusal, account, attemptsLeft: this.options.maxFailedSignIns - account.failedSignIns };
  }

  private async change(username: string, mutate: (account: StaffAccount) => void): Promise<StaffAccount> {
    return this.dataSource.transaction(async (manager) => {
      const account = await this.locked(manager, username);
      mutate(account);
      account.updatedAt = new Date();
      await manager.save(account);
      return account;
    });
  }

  private async locked(manager: EntityManager, username: string): Promise<StaffAccount> {
    const account = await manager.getRepository(StaffAccount).findOne({ where: { username: username.trim().toLowerCase() }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw new StaffAccountError(`no staff account ${username}`);
    return account;
  }

  private sealSecret(secret: string, username: string): Buffer {
    return this.options.secretsBox.seal(Buffer.from(secret, 'utf8'), `staff-totp:${username}`);
  }

  private enrolment(username: string, secret: string): TotpEnrolment {
    return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: username, secret }) };
  }
}
