import { keyedHash, keyedHashMatches } from '@app/crypto';

/** What an application's bearer token is hashed as: bound to the application, so one application's token opens no other. */
const tokenText = (applicationId: string, token: string) => `token:${applicationId}:${token}`;

/** The stored form of a new application's token (ACCESS_TOKEN_HMAC_KEY). */
export function applicationTokenHash(key: Buffer, applicationId: string, token: string): Buffer {
  return keyedHash(key, tokenText(applicationId, token));
}

/** Whether `token` is this application's own (constant-time). */
export function applicationTokenMatches(key: Buffer, application: { id: string; accessTokenHash: Buffer }, token: string): boolean {
  return keyedHashMatches(key, tokenText(application.id, token), application.accessTokenHash);
}
