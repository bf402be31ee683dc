import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { createConnection } from 'mysql2/promise';
import { applicationServices, ensureTemporal, migrate, stackEnv, startService, stopServices, type RunningService, type StackPorts } from '../../scripts/stack';
import { IT_DIR, IT_STATE_FILE, type ItStackState } from './support/it-stack';

declare global {
  var __IT_STACK__: RunningService[] | undefined;
}

/**
 * Brings up a complete, separate stack for the integration tests: its own Temporal dev server
 * (in memory), a fresh MariaDB database, both simulators, a worker and the API, on ports that do
 * not collide with `npm start`. The seed's durations are shortened so the tests can wait them out.
 */
export default async function globalSetup(): Promise<void> {
  const ports: StackPorts = { api: 3101, registerSimulator: 4111, smsSimulator: 4121, temporal: 7243, temporalUi: 8243 };
  const database = 'onboarding_it';
  const env = stackEnv(ports, {
    ...process.env,
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${database}`,
    REGISTER_API_KEY: randomBytes(24).toString('base64url'),
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
    OTP_HMAC_KEY: randomBytes(32).toString('base64'),
    ACCESS_TOKEN_HMAC_KEY: randomBytes(32).toString('base64'),
    OTP_TTL_SECONDS: '20',
    OTP_RESEND_SECONDS: '3',
    OTP_BLOCK_SECONDS: '6',
    TEMPORAL_TASK_QUEUE: 'onboarding-it',
    LOG_LEVEL: 'info',
  });

  rmSync(IT_DIR, { recursive: true, force: true });
  mkdirSync(IT_DIR, { recursive: true });
  // Bundle the workflows once, as a production build would, so (re)starting a worker is quick.
  const bundle = await bundleWorkflowCode({ ...workflowBundleOptions, logger: new DefaultLogger('WARN') });
  env.WORKFLOW_BUNDLE_PATH = resolve(IT_DIR, 'workflow-bundle.js');
  writeFileSync(env.WORKFLOW_BUNDLE_PATH, bundle.code);
  const admin = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();

  const output = { dir: IT_DIR, echo: false };
  const running: RunningService[] = [];
  globalThis.__IT_STACK__ = running;
  try {
    const temporal = await ensureTemporal(ports, { output });
    if (temporal) running.push(temporal);
    await migrate(env);
    for (const spec of applicationServices(env, ports, IT_DIR)) running.push(await startService(spec, output));
  } catch (error) {
    await stopServices(running);
    throw new Error(`integration stack failed to start (logs in ${IT_DIR}): ${(error as Error).message}`);
  }
  const worker = running.find((s) => s.name === 'worker')!;
  const state: ItStackState = { ports, env: env as Record<string, string>, extraPids: [], workerPid: worker.child.pid! };
  writeFileSync(IT_STATE_FILE, JSON.stringify(state, null, 2));
}
