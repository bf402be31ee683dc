import { randomInt } from 'node:crypto';

/** Seed 001: «Длина пароля должна быть не менее 8 и не более 30 символов». */
export const PORTAL_PASSWORD_MIN = 8;
export const PORTAL_PASSWORD_MAX = 30;

// No 0/O, 1/l/I: the password is read from an e-mail and typed by hand.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A new password for «Забыли пароль» by e-mail: 12 characters, letters of both cases and digits. */
export function generatePortalPassword(length = 12): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), ...Array.from({ length: length - 3 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
