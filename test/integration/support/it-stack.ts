import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, type StackPorts } from '../../../scripts/stack';

/** Where the integration stack writes its state (ports, env, pids) for the tests and the teardown. */
export const IT_DIR = resolve(ROOT, '.data/it');
export const IT_STATE_FILE = resolve(IT_DIR, 'stack.json');

export interface ItStackState {
  ports: StackPorts;
  env: Record<string, string>;
  /** pids of processes a test started itself (e.g. a restarted worker), stopped by the teardown */
  extraPids: number[];
  workerPid: number;
  /** the biometrics + documents worker */
  cpuWorkerPid: number;
  apiPid: number;
}

export function readStack(): ItStackState {
  return JSON.parse(readFileSync(IT_STATE_FILE, 'utf8')) as ItStackState;
}
