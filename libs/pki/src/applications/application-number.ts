import { randomInt } from 'node:crypto';

/**
 * A random 14-digit application number (no leading zero). Uniqueness is the database's
 * job (primary key); the caller retries on a collision, which is safe under concurrency.
 */
export function newApplicationNumber(): string {
  const head = randomInt(1, 10);
  const rest = Array.from({ length: 13 }, () => randomInt(0, 10)).join('');
  return `${head}${rest}`;
}

export const APPLICATION_NUMBER_PATTERN = /^\d{14}$/;
