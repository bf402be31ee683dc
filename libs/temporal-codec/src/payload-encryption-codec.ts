import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SealedBox } from '@app/crypto';

/** The metadata Temporal's tooling (and other SDKs' samples) use for an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

/** Bound into every payload as additional data: a payload cannot pass for another record sealed with the same key. */
const SEAL_CONTEXT = 'temporal-payload';

/** One payload key as configuration holds it (TEMPORAL_PAYLOAD_KEYS): an id written next to the ciphertext, and 32 bytes. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

const utf8 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * Encrypts every payload a client or worker sends to Temporal, so workflow history (and the UI) holds
 * ciphertext, not IINs, names or phones. The whole payload (metadata included) is protobuf-encoded and
 * sealed with AES-256-GCM ({@link SealedBox}: version, 12-byte IV, tag, ciphertext) under the first key;
 * the key's id travels in the metadata, so any configured key decrypts and keys can rotate.
 * Payloads in any other encoding pass through untouched: histories from before the codec still replay.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly current: { id: string; box: SealedBox };
  private readonly boxes: ReadonlyMap<string, SealedBox>;

  /** @param keys the current key first, then the older ones still needed to read existing histories */
  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('PayloadEncryptionCodec needs at least one key');
    const boxes = new Map<string, SealedBox>();
    for (const { id, key } of keys) {
      if (boxes.has(id)) throw new Error(`payload key id "${id}" is given twice`);
      boxes.set(id, new SealedBox(key));
    }
    this.boxes = boxes;
    this.current = { id: keys[0].id, box: boxes.get(keys[0].id)! };
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [ENCRYPTION_KEY_ID_METADATA]: Buffer.from(this.current.id),
      },
      data: this.current.box.seal(Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()), SEAL_CONTEXT),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (utf8(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const keyId = utf8(payload.metadata?.[ENCRYPTION_KEY_ID_METADATA]);
    if (!keyId) throw new ValueError(`an encrypted payload has no ${ENCRYPTION_KEY_ID_METADATA} metadata`);
    const box = this.boxes.get(keyId);
    if (!box) throw new ValueError(`a payload is encrypted with key id "${keyId}", which TEMPORAL_PAYLOAD_KEYS does not hold`);
    let plaintext: Buffer;
    try {
      plaintext = box.open(Buffer.from(payload.data ?? []), SEAL_CONTEXT);
    } catch {
      throw new ValueError(`a payload encrypted with key id "${keyId}" failed to decrypt: it was altered, or sealed with another key under that id`);
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}
