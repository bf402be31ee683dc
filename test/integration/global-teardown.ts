import { existsSync } from 'node:fs';
import { stopServices } from '../../scripts/stack';
import { IT_STATE_FILE, readStack } from './support/it-stack';

export default async function globalTeardown(): Promise<void> {
  if (existsSync(IT_STATE_FILE)) {
    for (const pid of readStack().extraPids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  await stopServices(globalThis.__IT_STACK__ ?? []);
}
