import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel } from '@temporalio/worker';
import { loadConfigOrExit, temporalConnectionSettings, workerSchema } from '@app/config';
import { createLogger } from '@app/observability';
import { createDataSource } from '@app/models';
import { HttpLegalEntityRegisterClient, HttpMobileCitizenRegistry, HttpStateRegisterClient } from '@app/registers';
import { TwilioSmsSender } from '@app/messaging';
import { OtpService } from '@app/otp';
import { createOnboardingActivities } from '@app/onboarding';
import { workflowBundleOptions } from './workflow-bundle';

/**
 * The onboarding worker: a plain process that owns its Temporal connection and database pool,
 * runs until SIGINT/SIGTERM, and exits non-zero when the worker fails.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(workerSchema, 'worker');
  const logger = createLogger(config, 'worker');
  Runtime.install({
    logger: new DefaultLogger(config.LOG_LEVEL === 'silent' ? 'ERROR' : (config.LOG_LEVEL.toUpperCase() as LogLevel), (entry) => {
      const level = entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : entry.level === 'DEBUG' || entry.level === 'TRACE' ? 'debug' : 'info';
      logger[level]({ temporal: entry.meta }, entry.message);
    }),
  });

  const dataSource = createDataSource(config);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(temporalConnectionSettings(config));
  try {
    const registerHttp = { baseUrl: config.REGISTER_URL, apiKey: config.REGISTER_API_KEY, timeoutMs: config.REGISTER_TIMEOUT_MS };
    const mobileCitizens = new HttpMobileCitizenRegistry(registerHttp);
    const people = new HttpStateRegisterClient(registerHttp);
    const legalEntities = new HttpLegalEntityRegisterClient(registerHttp);
    const sms = new TwilioSmsSender({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, from: config.SMS_SENDER, apiBaseUrl: config.TWILIO_API_BASE_URL });
    const otp = new OtpService({
      dataSource,
      registry: mobileCitizens,
      sms,
      hmacKey: Buffer.from(config.OTP_HMAC_KEY, 'base64'),
      policy: {
        codeLength: config.OTP_LENGTH,
        ttlMs: config.OTP_TTL_SECONDS * 1000,
        resendCooldownMs: config.OTP_RESEND_SECONDS * 1000,
        maxAttempts: config.OTP_MAX_ATTEMPTS,
        blockMs: config.OTP_BLOCK_SECONDS * 1000,
      },
    });

    const workflowBundle = config.WORKFLOW_BUNDLE_PATH
      ? { codePath: config.WORKFLOW_BUNDLE_PATH }
      : await bundleWorkflowCode({ ...workflowBundleOptions, logger: Runtime.instance().logger });

    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle,
      activities: createOnboardingActivities({ dataSource, mobileCitizens, people, legalEntities, otp }),
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
    });
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker started');
    const running = worker.run();
    // Tell a supervising parent (npm start, tests) that the worker polls; the channel must not keep us alive.
    process.send?.('ready');
    process.channel?.unref();
    await running;
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
