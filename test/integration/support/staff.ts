import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { DataSource } from 'typeorm';
import { loadConfig, staffCliSchema } from '@app/config';
import { createDataSource, type StaffRole } from '@app/models';
import { StaffAccounts, staffAccountsOptions } from '../../../apps/api/src/auth/staff-accounts';
import { readStack } from './it-stack';
import type { HttpAnswer, OnboardingClient } from './onboarding-client';

export interface StaffMember {
  username: string;
  password: string;
  totpSecret: string;
  /** the current code of the authenticator app */
  code(): Promise<string>;
}

export interface StaffSession extends StaffMember {
  token: string;
  call<T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>>;
}

let dataSource: DataSource | undefined;

/** The staff accounts of the integration stack's database, as the command-line tool opens them. */
export async function staffAccounts(): Promise<StaffAccounts> {
  // The stack's own configuration, read as the command-line tool reads it (same defaults as the API).
  const config = loadConfig(staffCliSchema, readStack().env);
  if (!dataSource) {
    dataSource = createDataSource({ ...config, DATABASE_POOL_SIZE: 2 });
    await dataSource.initialize();
  }
  return new StaffAccounts(dataSource, staffAccountsOptions(config));
}

export async function closeStaffAccounts(): Promise<void> {
  await dataSource?.destroy();
  dataSource = undefined;
}

/** A new staff account with these roles (a fresh username each time). */
export async function staffMember(roles: StaffRole[], prefix = 'staff'): Promise<StaffMember> {
  const username = `${prefix}-${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}1`;
  const { totp } = await (await staffAccounts()).create({ username, displayName: username, roles, password });
  return { username, password, totpSecret: totp.secret, code: () => generate({ secret: totp.secret }) };
}

/** A new staff account, signed in through the API with its password and TOTP code. */
export async function staffSession(client: OnboardingClient, roles: StaffRole[], prefix?: string): Promise<StaffSession> {
  const member = await staffMember(roles, prefix);
  const answer = await client.call('POST', '/api/v1/staff/sessions', { body: { username: member.username, password: member.password, totp: await member.code() } });
  if (answer.status !== 201) throw new Error(`staff sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  const token: string = answer.body.token;
  return { ...member, token, call: (method, path, body) => client.call(method, path, { body, token }) };
}
