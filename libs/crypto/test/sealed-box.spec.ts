import { randomBytes } from 'node:crypto';
import { SealedBox, SealedDataKeyError, keyedHash, keyedHashMatches } from '@app/crypto';

describe(SealedBox.name, () => {
  const box = new SealedBox(randomBytes(32));

  it('round-trips data under the same context', () => {
    const sealed = box.seal(Buffer.from('selfie bytes'), 'application:1/selfie');
    expect(sealed.includes(Buffer.from('selfie bytes'))).toBe(false);
    expect(box.open(sealed, 'application:1/selfie').toString()).toBe('selfie bytes');
  });

  it('refuses to open a blob moved to another context', () => {
    const sealed = box.seal(Buffer.from('scan'), 'application:1/document');
    expect(() => box.open(sealed, 'application:2/document')).toThrow();
  });

  it('refuses a tampered blob', () => {
    const sealed = box.seal(Buffer.from('scan'), 'ctx');
    sealed[sealed.length - 1] ^= 0xff;
    expect(() => box.open(sealed, 'ctx')).toThrow();
  });

  it('says, naming the key, that the database was made with other secrets and what to do, when another key sealed the data', () => {
    const sealed = SealedBox.fromBase64(randomBytes(32).toString('base64')).seal(Buffer.from('selfie'), 'biometric-sample:1:selfie:image');
    const mine = SealedBox.fromBase64(randomBytes(32).toString('base64'), 'BIOMETRICS_ENCRYPTION_KEY');
    const open = () => mine.open(sealed, 'biometric-sample:1:selfie:image');
    expect(open).toThrow(SealedDataKeyError);
    expect(open).toThrow(/^BIOMETRICS_ENCRYPTION_KEY does not open the data sealed as biometric-sample:1:selfie:image: the database was most likely created with other secrets/);
    expect(open).toThrow(/start with the secrets it was created with/);
    expect(open).toThrow(/point DATABASE_URL at another database, or at an empty one/);
  });

  it('rejects keys that are not 256 bits', () => {
    expect(() => new SealedBox(randomBytes(16))).toThrow(/32-byte/);
  });
});

describe(keyedHash.name, () => {
  const key = randomBytes(32);
  it('matches only the same value under the same key', () => {
    const stored = keyedHash(key, '04802');
    expect(keyedHashMatches(key, '04802', stored)).toBe(true);
    expect(keyedHashMatches(key, '04803', stored)).toBe(false);
    expect(keyedHashMatches(randomBytes(32), '04802', stored)).toBe(false);
  });
});
