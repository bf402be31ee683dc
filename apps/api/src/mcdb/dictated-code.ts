import type { McdbPhoneRegistration } from '@app/models';

export type DictatedCodeDecision =
  | { outcome: 'confirmed' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'attempts_exhausted' }
  | { outcome: 'expired' }
  | { outcome: 'closed' };

/**
 * Judges the code the operator typed as the applicant dictated it. Codes are few-try and short-lived:
 * the `maxAttempts`-th wrong one ends the registration, as does the code's expiry. Pure: the
 * caller persists what follows from the outcome.
 */
export function judgeDictatedCode(
  registration: Pick<McdbPhoneRegistration, 'status' | 'codeExpiresAt' | 'failedAttempts'>,
  matches: boolean,
  now: Date,
  maxAttempts: number,
): DictatedCodeDecision {
  if (registration.status !== 'code_sent') return { outcome: 'closed' };
  if (registration.codeExpiresAt <= now) return { outcome: 'expired' };
  if (matches) return { outcome: 'confirmed' };
  const failed = registration.failedAttempts + 1;
  return failed >= maxAttempts ? { outcome: 'attempts_exhausted' } : { outcome: 'wrong', attemptsLeft: maxAttempts - failed };
}
