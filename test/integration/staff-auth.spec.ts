import { generate } from 'otplib';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { runStaffCli } from '../../apps/api/src/auth/staff-cli';
import { readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';
import { closeStaffAccounts, staffAccounts, staffMember, staffSession } from './support/staff';

/** Deny by default, staff accounts with a second factor, lockout, sessions that end, and the journal. */
describe('Staff accounts and the deny-by-default guard', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let db: MysqlConnection;
  const signIn = (body: Record<string, unknown>) => client.call('POST', '/api/v1/staff/sessions', { body });

  beforeAll(async () => {
    db = await createConnection({ uri: stack.env.DATABASE_URL });
  });
  afterAll(async () => {
    await db.end();
    await closeStaffAccounts();
  });

  const journal = async (target: string) =>
    ((await db.query('SELECT action, detail FROM audit_journal WHERE target = ? ORDER BY id', [target]))[0] as Array<{ action: string; detail: { refusal?: string } | null }>).map(
      (row) => `${row.action}${row.detail?.refusal ? `:${row.detail.refusal}` : ''}`,
    );

  it('creates an account with the command-line tool; the password and the authenticator code open a session', async () => {
    const lines: string[] = [];
    const previous = { url: process.env.DATABASE_URL, key: process.env.STAFF_SECRETS_KEY };
    Object.assign(process.env, { DATABASE_URL: stack.env.DATABASE_URL, STAFF_SECRETS_KEY: stack.env.STAFF_SECRETS_KEY });
    try {
      expect(await runStaffCli(['create', '--username', 'cli.moderator', '--roles', 'moderator', '--name', 'Айжан Серикова'], (l) => lines.push(l))).toBe(0);
      expect(await runStaffCli(['create', '--username', 'cli.moderator', '--roles', 'moderator'], (l) => lines.push(l))).toBe(1);
      expect(lines.at(-1)).toBe('staff: the username cli.moderator is taken');
      expect(await runStaffCli(['create', '--username', 'cli.other', '--roles', 'janitor'], (l) => lines.push(l))).toBe(1);
    } finally {
      Object.assign(process.env, { DATABASE_URL: previous.url, STAFF_SECRETS_KEY: previous.key });
    }
    const password = lines.find((l) => l.startsWith('password (shown once): '))!.slice('password (shown once): '.length);
    const secret = lines.find((l) => l.startsWith('TOTP secret (shown once): '))!.slice('TOTP secret (shown once): '.length);
    expect(lines.find((l) => l.startsWith('otpauth URI: '))).toMatch(/^otpauth URI: otpauth:\/\/totp\/.+secret=/);
    const row = ((await db.query('SELECT password_hash, totp_secret_sealed FROM staff_accounts WHERE username = ?', ['cli.moderator']))[0] as Array<{ password_hash: string; totp_secret_sealed: Buffer }>)[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.totp_secret_sealed.toString('latin1')).not.toContain(secret);

    const withoutCode = await signIn({ username: 'cli.moderator', password });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.message).toBe('the authenticator code is missing or wrong: enter the current six-digit code');
    const code = await generate({ secret });
    const session = await signIn({ username: 'cli.moderator', password, totp: code });
    expect(session.status).toBe(201);
    expect(session.body.staff).toEqual({ username: 'cli.moderator', displayName: 'Айжан Серикова', roles: ['moderator'] });
    const me = await client.call('GET', '/api/v1/staff/me', { token: session.body.token });
    expect(me.body).toEqual({ username: 'cli.moderator', roles: ['moderator'] });
    // A code opens one session: the same code again is refused (RFC 6238 §5.2).
    expect((await signIn({ username: 'cli.moderator', password, totp: code })).status).toBe(401);
    expect(await journal('cli.moderator')).toEqual(['staff.sign_in_refused:second_factor_required', 'staff.sign_in', 'staff.sign_in_refused:second_factor_required']);
  });

  it('locks an account after five failed sign-ins, for everyone including the right password, until unlocked', async () => {
    const member = await staffMember(['moderator'], 'lockout');
    for (let i = 1; i <= 4; i++) {
      const wrong = await signIn({ username: member.username, password: 'not-the-password-1', totp: await member.code() });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ message: 'wrong username or password', attemptsLeft: 5 - i });
    }
    const fifth = await signIn({ username: member.username, password: 'not-the-password-1' });
    expect(fifth.status).toBe(423);
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);
    const right = await signIn({ username: member.username, password: member.password, totp: await member.code() });
    expect(right.status).toBe(423);
    expect(right.body.message).toMatch(/^too many failed sign-ins: the account is locked for \d+ s/);
    await (await staffAccounts()).unlock(member.username);
    expect((await signIn({ username: member.username, password: member.password, totp: await member.code() })).status).toBe(201);
    const entries = await journal(member.username);
    expect(entries.filter((e) => e === 'staff.sign_in_refused:unknown_or_wrong')).toHaveLength(4);
    expect(entries).toContain('staff.sign_in_refused:locked');
    expect(entries.at(-1)).toBe('staff.sign_in');
  });

  it('answers an unknown username like a wrong password', async () => {
    const answer = await signIn({ username: 'nobody-at-all', password: 'whatever-password-1', totp: '123456' });
    expect(answer.status).toBe(401);
    expect(answer.body.message).toBe('wrong username or password');
  });

  it('keeps applicants and staff apart: each credential opens only its own routes', async () => {
    const nextPerson = await peopleWithPhones(client, 120);
    const { iin } = nextPerson();
    const started = await client.start(iin);
    expect(started.status).toBe(201);
    const applicantToken: string = started.body.token;
    const moderator = await staffSession(client, ['moderator'], 'apart');

    const someCase = '/api/v1/moderation/cases/00000000-0000-0000-0000-000000000000-1';
    const applicantOnStaff = await client.call('GET', someCase, { token: applicantToken });
    expect(applicantOnStaff.status).toBe(403);
    expect(applicantOnStaff.body.message).toMatch(/^this route is not open to an application token/);
    const staffOnApplicant = await client.call('GET', `/api/v1/applications/${started.body.applicationId}`, { token: moderator.token });
    expect(staffOnApplicant.status).toBe(403);
    expect(staffOnApplicant.body.message).toMatch(/^this route is not open to a staff session/);
    expect((await client.call('GET', someCase)).status).toBe(401);
    expect((await client.call('GET', someCase, { token: 'stf.00000000-0000-0000-0000-000000000000.' + 'A'.repeat(43) })).status).toBe(401);
    expect((await client.call('GET', '/api/v1/staff/me', { token: 'garbage' })).status).toBe(401);

    // A staff member without the moderator role cannot open the queue.
    const operator = await staffSession(client, ['mcdb_operator'], 'operator');
    const refused = await operator.call('GET', someCase);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('this needs the role moderator; ask an administrator');
  });

  it('ends a session at sign-out and every session of an account that is disabled', async () => {
    const first = await staffSession(client, ['moderator'], 'ending');
    expect((await first.call('DELETE', '/api/v1/staff/sessions/current')).status).toBe(204);
    expect((await first.call('GET', '/api/v1/staff/me')).status).toBe(401);

    const second = await staffSession(client, ['moderator'], 'disabled');
    expect((await second.call('GET', '/api/v1/staff/me')).status).toBe(200);
    await (await staffAccounts()).disable(second.username);
    const after = await second.call('GET', '/api/v1/staff/me');
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('the staff session has ended or was revoked; sign in again');
    const again = await signIn({ username: second.username, password: second.password, totp: await second.code() });
    expect(again.status).toBe(403);
    expect(again.body.message).toBe('this staff account is disabled; ask an administrator');
    const sessions = (await db.query('SELECT token_hash FROM auth_sessions s JOIN staff_accounts a ON a.id = s.subject_id WHERE a.username = ?', [second.username]))[0] as Array<{ token_hash: Buffer }>;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].token_hash.toString('latin1')).not.toContain(second.token.split('.')[2]);
  });
});
