import { writeFileSync } from 'node:fs';
import { startIsolatedStack, type RunningService } from '../../scripts/stack';
import { IT_DIR, IT_STATE_FILE, type ItStackState } from './support/it-stack';

/**
 * Every spec calls from 127.0.0.1: the stack's own limits are set out of reach. The limits are tested
 * by test/integration/abuse-limits.spec.ts against an API process of its own with low ones.
 */
const UNLIMITED = Object.fromEntries(
  [...['START', 'OTP', 'OTP_RESEND', 'NUC_STATUS'].flatMap((route) => ['ADDRESS', 'IIN'].map((per) => [`RATE_LIMIT_${route}_PER_${per}`, '1000000/60'])), ['RATE_LIMIT_OCSP_PER_ADDRESS', '1000000/60'], ['RATE_LIMIT_PORTAL_PER_ADDRESS', '1000000/60']],
);

declare global {
  var __IT_STACK__: RunningService[] | undefined;
}

/**
 * Brings up a complete, separate stack for the integration tests on ports that do not collide with
 * `npm start`, with Mailpit for the e-mail. The seed's durations are shortened so the tests can wait them out.
 */
export default async function globalSetup(): Promise<void> {
  // Two checkouts on one machine (e.g. git worktrees) run their stacks side by side with IT_PORT_OFFSET.
  const offset = Number(process.env.IT_PORT_OFFSET ?? 0);
  const stack = await startIsolatedStack({
    ports: { api: 3101 + offset, registerSimulator: 4111 + offset, smsSimulator: 4121 + offset, temporal: 7243 + offset, temporalUi: 8243 + offset, smtp: 1125 + offset, mailUi: 8125 + offset },
    database: offset ? `onboarding_it_${offset}` : 'onboarding_it',
    logDir: IT_DIR,
    env: {
      OTP_TTL_SECONDS: '20',
      OTP_RESEND_SECONDS: '3',
      OTP_BLOCK_SECONDS: '6',
      START_OUTCOME_WAIT_MS: '3000',
      TEMPORAL_TASK_QUEUE: 'onboarding-it',
      ...UNLIMITED,
      // Portal accounts: the 15-minute block is 6 s; a temporary account's 2 months and 30 days are 10 s each.
      PORTAL_BLOCK_SECONDS: '6',
      PORTAL_TEMPORARY_NOTICE_AFTER_DAYS: String(10 / 86_400),
      PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS: String(10 / 86_400),
    },
  });
  globalThis.__IT_STACK__ = stack.running;
  const worker = stack.running.find((s) => s.name === 'worker')!;
  const cpuWorker = stack.running.find((s) => s.name === 'cpu-worker')!;
  const api = stack.running.find((s) => s.name === 'api')!;
  const state: ItStackState = { ports: stack.ports, env: stack.env as Record<string, string>, extraPids: [], workerPid: worker.child.pid!, cpuWorkerPid: cpuWorker.child.pid!, apiPid: api.child.pid! };
  writeFileSync(IT_STATE_FILE, JSON.stringify(state, null, 2));
}
