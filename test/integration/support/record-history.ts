import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, temporalSchema } from '@app/config';
import { PayloadEncryptionCodec, decodeHistoryJson } from '@app/temporal-codec';
import { readStack } from './it-stack';

/**
 * With RECORD_HISTORY set, writes a workflow's history into test/replay/histories/<name>.json for the
 * replay test: the proto-JSON form `temporal workflow show` prints, decrypted, so replaying needs no key.
 */
export async function recordHistory(workflowId: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORY) return;
  const stack = readStack();
  const history = execFileSync('temporal', ['workflow', 'show', '--address', stack.env.TEMPORAL_ADDRESS, '-w', workflowId, '--output', 'json']);
  const codec = new PayloadEncryptionCodec(loadConfig(temporalSchema, stack.env).TEMPORAL_PAYLOAD_KEYS);
  const dir = resolve(__dirname, '../../replay/histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.json`), `${JSON.stringify(await decodeHistoryJson(JSON.parse(history.toString('utf8')), codec), null, 2)}\n`);
}
