import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a secret (OTP code, token) under a server key: the only form in which such secrets are stored. */
export function keyedHash(key: Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

/** Constant-time comparison of a candidate against a stored keyed hash. */
export function keyedHashMatches(key: Buffer, candidate: string, stored: Buffer): boolean {
  const computed = keyedHash(key, candidate);
  return stored.length === computed.length && timingSafeEqual(stored, computed);
}
