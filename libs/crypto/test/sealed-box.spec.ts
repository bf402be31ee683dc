import { randomBytes } from 'node:crypto';
import { SealedBox, keyedHash, keyedHashMatches } from '@app/crypto';

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
