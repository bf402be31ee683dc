import type { Payload, PayloadCodec } from '@temporalio/common';

/** A payload in proto-JSON (what `temporal workflow show --output json` prints): base64 metadata values and data. */
interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

const isJsonPayload = (value: unknown): value is JsonPayload =>
  typeof value === 'object' && value !== null && 'metadata' in value && typeof value.metadata === 'object' && value.metadata !== null && 'encoding' in value.metadata;

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  ...(data?.length ? { data: Buffer.from(data).toString('base64') } : {}),
});

/**
 * Decodes every payload in a proto-JSON workflow history with the codec, leaving the rest as it is:
 * how a history recorded from the (encrypted) integration stack becomes a replay fixture that needs no key.
 */
export async function decodeHistoryJson(value: unknown, codec: PayloadCodec): Promise<unknown> {
  if (isJsonPayload(value)) return toJson((await codec.decode([fromJson(value)]))[0]);
  if (Array.isArray(value)) return Promise.all(value.map((item) => decodeHistoryJson(item, codec)));
  if (typeof value !== 'object' || value === null) return value;
  const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await decodeHistoryJson(v, codec)] as const));
  return Object.fromEntries(entries);
}
