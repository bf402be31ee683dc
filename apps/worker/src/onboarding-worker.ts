import { NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { BiometricStore, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import type { WorkerConfig } from '@app/config';
import { SealedBox } from '@app/crypto';
import { SmtpMailSender } from '@app/mail';
import { TwilioSmsSender } from '@app/messaging';
import { createOnboardingActivities } from '@app/onboarding';
import { OtpService } from '@app/otp';
import { createPortalAccountActivities, portalLinks } from '@app/portal-accounts';
import { HttpLegalEntityRegisterClient, HttpMobileCitizenRegistry, HttpStateRegisterClient } from '@app/registers';
import { workflowBundleOptions } from './workflow-bundle';

/** The orchestration queue: the onboarding and portal-account workflows and their light activities (registers, SMS, e-mail, MySQL). */
export async function createOnboardingWorker(config: WorkerConfig, connection: NativeConnection, dataSource: DataSource, dataConverter: DataConverter): Promise<Worker> {
  if (!config.BIOMETRICS_ENCRYPTION_KEY) throw new Error('BIOMETRICS_ENCRYPTION_KEY is required for the onboarding role (it keeps the register photo for the face match)');
  const registerHttp = { baseUrl: config.REGISTER_URL, apiKey: config.REGISTER_API_KEY, timeoutMs: config.REGISTER_TIMEOUT_MS };
  const mobileCitizens = new HttpMobileCitizenRegistry(registerHttp);
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
      blockGraceMs: config.OTP_BLOCK_GRACE_SECONDS * 1000,
    },
  });
  const workflowBundle = config.WORKFLOW_BUNDLE_PATH
    ? { codePath: config.WORKFLOW_BUNDLE_PATH }
    : await bundleWorkflowCode({ ...workflowBundleOptions, logger: Runtime.instance().logger });

  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle,
    activities: {
      ...createPortalAccountActivities({
        dataSource,
        mail: new SmtpMailSender({ url: config.SMTP_URL, from: config.MAIL_FROM }),
        signInUrl: portalLinks(config.PORTAL_WEB_URL).signIn,
      }),
      ...createOnboardingActivities({
        dataSource,
        mobileCitizens,
        people: new HttpStateRegisterClient(registerHttp),
        legalEntities: new HttpLegalEntityRegisterClient(registerHttp),
        otp,
        sms,
        biometrics: new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY')),
        otpHmacKey: Buffer.from(config.OTP_HMAC_KEY, 'base64'),
      }),
    },
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
  });
}
