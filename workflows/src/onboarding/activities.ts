import { proxyActivities } from '@temporalio/workflow';
import type { BiometricsActivities } from '@app/biometrics';
import type { DocumentActivities } from '@app/documents';
import type { OnboardingActivities } from '@app/onboarding';
import type { PkiActivities } from '@app/pki';
import { TASK_QUEUES } from '@app/contracts';

// Register and SMS outages must never fail an applicant: retry with backoff, without a limit.
export const onboarding = proxyActivities<OnboardingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// A person is waiting on the answer: fail fast enough for the API to say "try again".
export const onboardingInteractive = proxyActivities<OnboardingActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 3 },
});

// Face models: a verdict over many frames takes seconds on a busy core; a lost worker is noticed by the heartbeat.
export const biometrics = proxyActivities<BiometricsActivities>({
  taskQueue: TASK_QUEUES.biometrics,
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '20 seconds', maximumAttempts: 10 },
});

export const documents = proxyActivities<DocumentActivities>({
  taskQueue: TASK_QUEUES.documents,
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '20 seconds', maximumAttempts: 10 },
});

// CA signing: short, and safe to retry (issuance returns the pair already issued).
export const pki = proxyActivities<PkiActivities>({
  taskQueue: TASK_QUEUES.pki,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
