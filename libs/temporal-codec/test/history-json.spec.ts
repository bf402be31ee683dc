import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { PayloadEncryptionCodec, decodeHistoryJson } from '@app/temporal-codec';

describe(decodeHistoryJson.name, () => {
  const codec = new PayloadEncryptionCodec([{ id: 'k1', key: randomBytes(32) }]);
  const json = ({ metadata, data }: Payload) => ({
    metadata: Object.fromEntries(Object.entries(metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    ...(data?.length ? { data: Buffer.from(data).toString('base64') } : {}),
  });
  const history = (input: Payload[], result: Payload) => ({
    events: [
      { eventId: '1', workflowExecutionStartedEventAttributes: { workflowType: { name: 'onboardingWorkflow' }, input: { payloads: input.map(json) } } },
      { eventId: '2', activityTaskCompletedEventAttributes: { result: { payloads: [json(result)] }, scheduledEventId: '1' } },
    ],
  });

  it('turns a history recorded through the codec back into the plaintext proto-JSON a replay reads', async () => {
    const input = [defaultPayloadConverter.toPayload({ iin: '880515300120' }), defaultPayloadConverter.toPayload(undefined)];
    const result = defaultPayloadConverter.toPayload(['otp_sent']);
    const recorded = history(await codec.encode(input), (await codec.encode([result]))[0]);
    expect(JSON.stringify(recorded)).toContain('YmluYXJ5L2VuY3J5cHRlZA=='); // binary/encrypted
    await expect(decodeHistoryJson(recorded, codec)).resolves.toEqual(history(input, result));
  });
});
