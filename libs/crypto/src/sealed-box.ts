import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption for data at rest (biometric images, document scans, CA keys).
 *
 * Format: version(1) | iv(12) | tag(16) | ciphertext. AES-256-GCM with a random IV per
 * message; `context` is bound as additional data so a blob cannot be moved to another
 * record (e.g. application id + purpose) without failing authentication.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * Sealed data that the configured key does not open. Authentication fails the same way for a
 * moved or altered blob, but in practice it means the key is not the one the data was sealed
 * with: the database was made by processes that had other secrets.
 */
export class SealedDataKeyError extends Error {
  constructor(
    readonly keyName: string,
    readonly what: string,
  ) {
    super(
      `${keyName} does not open ${what}: the database was most likely created with other secrets. ` +
        'Either start with the secrets it was created with (npm start keeps them in .data/dev-secrets.json of the checkout that made the database), ' +
        'or point DATABASE_URL at another database, or at an empty one to start afresh.',
    );
    this.name = 'SealedDataKeyError';
  }
}

export class SealedBox {
  private readonly key: Buffer;

  /** `keyName` is how errors name the key: the configuration variable that holds it. */
  constructor(
    key: Buffer,
    readonly keyName = 'The configured key',
  ) {
    if (key.length !== 32) throw new Error('SealedBox needs a 32-byte key (AES-256)');
    this.key = Buffer.from(key);
  }

  /** Builds a box from a base64 key as config holds it, e.g. `fromBase64(config.X_KEY, 'X_KEY')`. */
  static fromBase64(keyBase64: string, keyName?: string): SealedBox {
    return new SealedBox(Buffer.from(keyBase64, 'base64'), keyName);
  }

  seal(plaintext: Buffer, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer, context: string): Buffer {
    if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new Error('sealed data is malformed');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new SealedDataKeyError(this.keyName, `the data sealed as ${context}`);
    }
  }
}
