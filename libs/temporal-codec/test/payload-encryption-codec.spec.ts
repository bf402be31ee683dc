import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING, PayloadEncryptionCodec } from '@app/temporal-codec';

describe(PayloadEncryptionCodec.name, () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const applicant = { iin: '880515300120', surname: 'Жумабаева', phone: '+77051234567', clientAddress: '203.0.113.7' };
  const payload = () => defaultPayloadConverter.toPayload(applicant);
  /** Every byte a payload puts on the wire, to search for plaintext in. */
  const wireBytes = (p: Payload) => Buffer.concat([Buffer.from(p.data!), ...Object.values(p.metadata ?? {}).map((v) => Buffer.from(v))]);
  const readable = (p: Payload) => [...Object.values(applicant), 'json/plain', '7051234567'].filter((value) => wireBytes(p).includes(Buffer.from(value)));

  it('round-trips a payload, its metadata included', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const [decoded] = await codec.decode(await codec.encode([payload()]));
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(applicant);
    expect(Buffer.from(decoded.metadata!.encoding).toString()).toBe('json/plain');
  });

  it('writes ciphertext marked binary/encrypted with the key id, in which no field can be read', async () => {
    const [encoded] = await new PayloadEncryptionCodec([k1]).encode([payload()]);
    expect(Buffer.from(encoded.metadata!.encoding).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded.metadata!['encryption-key-id']).toString()).toBe('k1');
    expect(readable(payload())).toHaveLength(6); // the search finds every field in plaintext …
    expect(readable(encoded)).toEqual([]); // … and none in ciphertext
  });

  it('uses a fresh IV each time: the same value never encrypts to the same bytes', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const [a, b] = await codec.encode([payload(), payload()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('after rotation encrypts with the new key and still decrypts what the old key encrypted', async () => {
    const [old] = await new PayloadEncryptionCodec([k1]).encode([payload()]);
    const rotated = new PayloadEncryptionCodec([k2, k1]);
    const [decoded] = await rotated.decode([old]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(applicant);
    const [fresh] = await rotated.encode([payload()]);
    expect(Buffer.from(fresh.metadata!['encryption-key-id']).toString()).toBe('k2');
  });

  it('refuses a payload whose key id it does not hold, naming the id', async () => {
    const [old] = await new PayloadEncryptionCodec([k1]).encode([payload()]);
    await expect(new PayloadEncryptionCodec([k2]).decode([old])).rejects.toThrow(/key id "k1", which TEMPORAL_PAYLOAD_KEYS does not hold/);
  });

  it('refuses altered ciphertext, and ciphertext from another key under the same id', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const [encoded] = await codec.encode([payload()]);
    const tampered = Buffer.from(encoded.data!);
    tampered[tampered.length - 1] ^= 0x01;
    await expect(codec.decode([{ ...encoded, data: tampered }])).rejects.toThrow(/key id "k1" failed to decrypt/);
    await expect(new PayloadEncryptionCodec([{ id: 'k1', key: randomBytes(32) }]).decode([encoded])).rejects.toThrow(/failed to decrypt/);
  });

  it('passes payloads from before the codec through unchanged, so old histories replay', async () => {
    const plain = [payload(), defaultPayloadConverter.toPayload(undefined), { metadata: {}, data: Buffer.from('raw') }];
    await expect(new PayloadEncryptionCodec([k1]).decode(plain)).resolves.toEqual(plain);
  });

  it('needs a key, and unique ids', () => {
    expect(() => new PayloadEncryptionCodec([])).toThrow(/at least one key/);
    expect(() => new PayloadEncryptionCodec([k1, { ...k2, id: 'k1' }])).toThrow(/"k1" is given twice/);
  });
});
