import { INDIVIDUAL_PASSWORD_RULE, LEGAL_ENTITY_PASSWORD_RULE, PkiErrorCode, assertPasswordAllowed, isPasswordAllowed } from '@app/pki';

describe('key container password rules (seeds 002, 003)', () => {
  it.each(['abc123', 'Abc123#^+=!*()@%&_?-.', 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6'])('accepts %s for a legal entity', (password) => {
    expect(isPasswordAllowed('legal_entity', password)).toBe(true);
  });

  it.each([
    ['too short', 'ab12'],
    ['too long', 'a1'.repeat(17) + 'x'],
    ['letters only', 'abcdefgh'],
    ['digits only', '12345678'],
    ['a character outside the list', 'abc123$'],
    ['Cyrillic', 'пароль123'],
  ])('rejects a legal-entity password with %s', (_why, password) => {
    expect(isPasswordAllowed('legal_entity', password)).toBe(false);
  });

  it.each(['Secret123', 'aB3aB3aB3', 'Long#Pass1word'])('accepts %s for an individual', (password) => {
    expect(isPasswordAllowed('individual', password)).toBe(true);
  });

  it.each([
    ['no upper case', 'secret123'],
    ['no lower case', 'SECRET123'],
    ['no digit', 'SecretPass'],
    ['seven characters', 'Secr3t1'],
  ])('rejects an individual password with %s', (_why, password) => {
    expect(isPasswordAllowed('individual', password)).toBe(false);
  });

  it('explains a refusal with the seed rule verbatim', () => {
    expect(() => assertPasswordAllowed('individual', 'short')).toThrow(INDIVIDUAL_PASSWORD_RULE);
    expect(() => assertPasswordAllowed('legal_entity', 'short')).toThrow(LEGAL_ENTITY_PASSWORD_RULE);
    try {
      assertPasswordAllowed('individual', 'short');
    } catch (error) {
      expect((error as { code: string }).code).toBe(PkiErrorCode.PasswordRejected);
    }
    expect(INDIVIDUAL_PASSWORD_RULE).toBe('Пароль должен содержать латинские буквы нижнего и верхнего регистров, а также цифры. Минимальная длина пароля: 8 символов.');
  });
});
