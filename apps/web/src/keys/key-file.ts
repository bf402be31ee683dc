import type { SubjectType } from '@app/contracts/application';
import { fromBase64, toBase64, type KeyKind, type MadeKeys } from './browser-keys';

/**
 * The encrypted key file the person keeps between application and installation (the seed's key
 * folder): both PKCS#8 keys sealed with AES-256-GCM under a key derived from their password
 * (PBKDF2-HMAC-SHA256). Only this file holds the keys; the server never sees them.
 */
export interface KeyFile {
  format: 'digital-id-key-file/1';
  subjectType: SubjectType;
  createdAt: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  keys: Record<KeyKind, { iv: string; sealed: string }>;
}

const ITERATIONS = 310_000;

async function wrappingKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function sealKeys(keys: MadeKeys, password: string, subjectType: SubjectType): Promise<KeyFile> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await wrappingKey(password, salt, ITERATIONS);
  const sealed = {} as KeyFile['keys'];
  for (const kind of ['AUTH', 'SIGN'] as const) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.pairs[kind].privateKey);
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(kind) }, key, pkcs8);
    sealed[kind] = { iv: toBase64(iv), sealed: toBase64(new Uint8Array(data)) };
  }
  return { format: 'digital-id-key-file/1', subjectType, createdAt: new Date().toISOString(), kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: ITERATIONS, salt: toBase64(salt) }, keys: sealed };
}

/** Throws when the password is wrong or the file was altered (AES-GCM refuses to open it). */
export async function openKeys(file: KeyFile, password: string): Promise<Record<KeyKind, ArrayBuffer>> {
  if (file.format !== 'digital-id-key-file/1') throw new Error('not a key file');
  const key = await wrappingKey(password, fromBase64(file.kdf.salt), file.kdf.iterations);
  const opened = {} as Record<KeyKind, ArrayBuffer>;
  for (const kind of ['AUTH', 'SIGN'] as const) {
    opened[kind] = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.keys[kind].iv), additionalData: new TextEncoder().encode(kind) }, key, fromBase64(file.keys[kind].sealed));
  }
  return opened;
}

export function keyFileName(createdAt: Date): string {
  return `nuc-keys-${createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}
