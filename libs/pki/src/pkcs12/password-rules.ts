import { PkiError, PkiErrorCode } from '../errors';
import { SubjectType } from '../verified-identity';

/** Seed 002 step 27 (legal entity), verbatim. */
export const LEGAL_ENTITY_PASSWORD_RULE =
  'Пароль должен содержать символы латинского алфавита и цифры. Длина пароля: от 6 до 32 символов. Дополнительно, пароль может включать в себя: латинские буквы верхнего регистра и специальные символы «#^+=!*()@%&_?-.».';
/** Seed 003 §2.2 (individual), verbatim. */
export const INDIVIDUAL_PASSWORD_RULE = 'Пароль должен содержать латинские буквы нижнего и верхнего регистров, а также цифры. Минимальная длина пароля: 8 символов.';
/** Seeds 002 and 003: shown next to the password fields. */
export const PASSWORD_NOT_RECOVERABLE = 'Пароль восстановлению не подлежит!';

const LEGAL_ENTITY_ALLOWED = /^[A-Za-z0-9#^+=!*()@%&_?\-.]{6,32}$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** The rule text that applies to a subject type. */
export function passwordRuleFor(subjectType: SubjectType): string {
  return subjectType === 'legal_entity' ? LEGAL_ENTITY_PASSWORD_RULE : INDIVIDUAL_PASSWORD_RULE;
}

/** Whether a key-container password satisfies the seed's rule for the subject type. */
export function isPasswordAllowed(subjectType: SubjectType, password: string): boolean {
  const hasLetter = /[A-Za-z]/.test(password);
  const hasDigit = /[0-9]/.test(password);
  if (subjectType === 'legal_entity') return LEGAL_ENTITY_ALLOWED.test(password) && hasLetter && hasDigit;
  return password.length >= 8 && PRINTABLE_ASCII.test(password) && /[a-z]/.test(password) && /[A-Z]/.test(password) && hasDigit;
}

/** Throws PasswordRejected with the seed's rule as the message. */
export function assertPasswordAllowed(subjectType: SubjectType, password: string): void {
  if (!isPasswordAllowed(subjectType, password)) throw new PkiError(PkiErrorCode.PasswordRejected, passwordRuleFor(subjectType));
}
