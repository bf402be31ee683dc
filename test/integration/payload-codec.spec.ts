import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { loadConfig, temporalSchema } from '@app/config';
import { getApplicationQuery, onboardingWorkflowId } from '@app/contracts';
import { ENCRYPTED_ENCODING, PayloadEncryptionCodec, encryptedDataConverter } from '@app/temporal-codec';
import { readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';

/** Every payload (input, result, update argument, …) anywhere in a history, with where it is. */
function payloadsIn(value: unknown, path = '', found: Array<{ path: string; payload: Payload }> = []): Array<{ path: string; payload: Payload }> {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return found;
  if ('metadata' in value && 'data' in value && typeof value.metadata === 'object' && value.metadata && 'encoding' in value.metadata) {
    found.push({ path, payload: value as Payload });
    return found;
  }
  for (const [key, child] of Object.entries(value)) payloadsIn(child, `${path}.${key}`, found);
  return found;
}

/**
 * The history as text, every byte field read as UTF-8: what someone with access to the server or the
 * UI could read. (JSON.stringify would print protobuf bytes as base64, where no plaintext shows.)
 */
function readable(value: unknown): string {
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value)
    .map(([key, child]) => `${key}: ${readable(child)}`)
    .join('\n');
}

/** Payloads the SDK writes itself, past the codec: the patch marker (a patch id) and the TemporalChangeVersion search attribute. */
const SDK_PAYLOAD = /^\.events\.\d+\.(markerRecordedEventAttributes\.details\.patch-data|upsertWorkflowSearchAttributesEventAttributes\.searchAttributes)\./;

/** The payload codec against the real stack: the API and the worker encrypt, Temporal stores only ciphertext. */
describe('Personal data out of Temporal history', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const temporal = loadConfig(temporalSchema, stack.env);
  let connection: Connection;
  let db: MysqlConnection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporal.TEMPORAL_ADDRESS });
    db = await createConnection({ uri: stack.env.DATABASE_URL });
  });
  afterAll(async () => {
    await connection.close();
    await db.end();
  });

  it('stores no IIN, surname, phone or client address in the raw history, while the API works through the codec', async () => {
    const { iin, phone } = (await peopleWithPhones(client, 70))();
    const { surname } = (await client.people()).find((p) => p.iin === iin)!;
    const { body: started } = await client.start(iin);
    expect(started.status).toBe('otp_sent');
    const code = await client.nthCode(phone, 1);
    expect((await client.submitOtp(started.applicationId, started.token, code === '00000' ? '11111' : '00000')).body).toMatchObject({ code: 'otp_wrong' });
    expect((await client.submitOtp(started.applicationId, started.token, code)).body).toMatchObject({ status: 'otp_verified' });
    const read = await client.get(started.applicationId, started.token);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('otp_verified');
    // The address the API passed to the workflow with the wrong code, as the audit journal recorded it.
    const [[{ client_address: clientAddress }]] = (await db.query('SELECT client_address FROM otp_audit_journal WHERE application_id = ?', [started.applicationId])) as any;
    expect(clientAddress).toEqual(expect.any(String));

    const workflowId = onboardingWorkflowId(started.applicationId);
    const plain = new Client({ connection, namespace: temporal.TEMPORAL_NAMESPACE });
    const history = await plain.workflow.getHandle(workflowId).fetchHistory();
    const payloads = payloadsIn(history)
      .filter(({ path }) => !SDK_PAYLOAD.test(path))
      .map(({ payload }) => payload);
    expect(payloads.length).toBeGreaterThan(3); // start input, activity inputs and results, update arguments and outcomes
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata!.encoding).toString()))).toEqual(new Set([ENCRYPTED_ENCODING]));
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata!['encryption-key-id']).toString()))).toEqual(new Set([temporal.TEMPORAL_PAYLOAD_KEYS[0].id]));

    const raw = readable(history);
    for (const personal of [iin, surname, phone.replace(/\D/g, '').slice(-10), clientAddress]) expect(raw).not.toContain(personal);
    // The same search over the decrypted payloads finds them: the history does carry this applicant's data.
    const decrypted = readable(await new PayloadEncryptionCodec(temporal.TEMPORAL_PAYLOAD_KEYS).decode(payloads));
    expect(decrypted).toContain(iin);
    expect(decrypted).toContain(clientAddress);

    // A client without the keys cannot read the workflow's answers either; one with them can.
    await expect(plain.workflow.getHandle(workflowId).query(getApplicationQuery)).rejects.toThrow(/encoding/i);
    const withCodec = new Client({ connection, namespace: temporal.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(temporal.TEMPORAL_PAYLOAD_KEYS) });
    await expect(withCodec.workflow.getHandle(workflowId).query(getApplicationQuery)).resolves.toMatchObject({ status: 'otp_verified' });
  });
});
