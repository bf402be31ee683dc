import type { DataConverter } from '@temporalio/common';
import { PayloadEncryptionCodec, type PayloadKey } from './payload-encryption-codec';

/** What every Temporal client and worker of ours is given: the default converters behind the encryption codec. */
export function encryptedDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keys)] };
}
