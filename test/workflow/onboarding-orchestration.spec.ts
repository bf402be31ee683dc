import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import {
  TASK_QUEUES,
  claimModerationCaseUpdate,
  decideModerationCaseUpdate,
  getApplicationQuery,
  getModerationCaseQuery,
  onboardingWorkflowId,
  startDigitalIdUpdate,
  submitOtpUpdate,
  submitSelfieUpdate,
  type ApplicationView,
  type ModerationCaseInput,
} from '@app/contracts';
import { startWorkflowEnvironment } from './support/workflow-environment';

/**
 * Orchestration of the whole path with every activity faked, against a real Temporal server (the
 * `temporal` CLI's dev server: the time-skipping test server is a download this machine cannot make,
 * so the seed's durations are shortened to seconds instead).
 */
describe('onboardingWorkflow orchestration', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const statuses = new Map<string, string[]>();
  const cases: Array<{ caseId: string; status: string }> = [];
  let selfieProblems: Array<{ code: string; message: { ru: string; en: string } }> = [];

  const onboarding = {
    recordStatus: async (input: { applicationId: string; status: string }) => {
      statuses.set(input.applicationId, [...(statuses.get(input.applicationId) ?? []), input.status]);
    },
    checkEligibility: async () => ({ eligible: true }),
    lookupMobileCitizen: async () => ({ registered: true, phoneMasked: '+7701*****67' }),
    sendOtp: async () => ({ outcome: 'sent', expiresAt: new Date(Date.now() + 90_000).toISOString(), resendAvailableAt: new Date().toISOString(), phoneMasked: '+7701*****67' }),
    verifyOtp: async () => ({ outcome: 'verified' }),
    checkDigitalIdPhone: async (input: { phoneHash: string }) => ({ matches: input.phoneHash === 'a'.repeat(64) }),
    recordModerationCase: async (input: { caseId: string; status: string }) => {
      cases.push({ caseId: input.caseId, status: input.status });
    },
  };
  const biometrics = {
    checkSelfie: async () => ({ faces: 1, problems: selfieProblems }),
    markBiometricsDecided: async () => 0,
  };

  beforeAll(async () => {
    ({ env, bundle } = await startWorkflowEnvironment());
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  /** Runs `body` with a worker per task queue, the workflows on the main one. */
  async function withWorkers<T>(taskQueue: string, body: () => Promise<T>): Promise<T> {
    const workers = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: onboarding }),
      Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.biometrics, activities: biometrics }),
    ]);
    const running = workers.map((w) => w.run());
    try {
      return await body();
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
    }
  }

  async function startThroughCodes(taskQueue: string, settings: Record<string, number>) {
    const applicationId = randomUUID();
    const handle = await env.client.workflow.start('onboardingWorkflow', {
      taskQueue,
      workflowId: onboardingWorkflowId(applicationId),
      args: [{ applicationId, subjectType: 'individual', iin: '880515300120', template: 'individual' }, { otpStepTimeoutMs: 60_000, ...settings }],
    });
    const waitFor = async (status: string) => {
      for (let i = 0; i < 200; i++) {
        if ((await handle.query(getApplicationQuery)).status === status) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`never reached ${status}: ${JSON.stringify(await handle.query(getApplicationQuery))}`);
    };
    await waitFor('otp_sent');
    await handle.executeUpdate(submitOtpUpdate, { args: [{ codeHash: 'f'.repeat(64), clientAddress: '127.0.0.1' }] });
    return { applicationId, handle, waitFor };
  }

  it('refuses a Digital ID phone that is not the БМГ one, then sends the second code for the right one', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    await withWorkers(taskQueue, async () => {
      const { handle, waitFor } = await startThroughCodes(taskQueue, {});
      await expect(handle.executeUpdate(startDigitalIdUpdate, { args: [{ phoneHash: 'b'.repeat(64) }] })).resolves.toEqual({ outcome: 'phone_mismatch' });
      await expect(handle.executeUpdate(startDigitalIdUpdate, { args: [{ phoneHash: 'not-hex' }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/malformed phone hash/) } });
      const sent = await handle.executeUpdate(startDigitalIdUpdate, { args: [{ phoneHash: 'a'.repeat(64) }] });
      expect(sent).toMatchObject({ outcome: 'sent', application: { status: 'digital_id_otp_sent', nextStep: 'enter_otp' } });
      await handle.executeUpdate(submitOtpUpdate, { args: [{ codeHash: 'f'.repeat(64), clientAddress: '127.0.0.1' }] });
      await waitFor('selfie_required');
      await handle.terminate('test over');
    });
  });

  it('annuls an application that is not completed in time (seed 003: one month; here 3 s)', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    await withWorkers(taskQueue, async () => {
      const { applicationId, handle } = await startThroughCodes(taskQueue, { annulAfterMs: 3_000 });
      const view: ApplicationView = await handle.result();
      expect(view.status).toBe('annulled');
      expect(view.message).toBe('Заявка аннулирована: процедура не была завершена в течение одного месяца');
      expect(statuses.get(applicationId)?.at(-1)).toBe('annulled');
    });
  }, 60_000);

  it('ends the application after the configured number of unusable selfies', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    selfieProblems = [{ code: 'several_faces', message: { ru: 'В кадре несколько лиц. В кадре должны быть только вы.', en: '' } }];
    await withWorkers(taskQueue, async () => {
      const { handle, waitFor } = await startThroughCodes(taskQueue, { selfieMaxAttempts: 2 });
      await handle.executeUpdate(startDigitalIdUpdate, { args: [{ phoneHash: 'a'.repeat(64) }] });
      await handle.executeUpdate(submitOtpUpdate, { args: [{ codeHash: 'f'.repeat(64), clientAddress: '127.0.0.1' }] });
      await waitFor('selfie_required');
      await expect(handle.executeUpdate(submitSelfieUpdate, { args: [{ sampleId: 'not-a-uuid' }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/sampleId/) } });
      const first = await handle.executeUpdate(submitSelfieUpdate, { args: [{ sampleId: randomUUID() }] });
      expect(first).toMatchObject({ outcome: 'retry', problems: ['В кадре несколько лиц. В кадре должны быть только вы.'] });
      const second = await handle.executeUpdate(submitSelfieUpdate, { args: [{ sampleId: randomUUID() }] });
      expect(second.outcome).toBe('exhausted');
      const view: ApplicationView = await handle.result();
      expect(view).toMatchObject({ status: 'rejected', message: 'Не удалось сделать селфи за отведённое число попыток. Начните заново или обратитесь в ЦОН.' });
    });
    selfieProblems = [];
  }, 60_000);

  it('escalates a moderation case past its deadline and still takes the decision', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    await withWorkers(taskQueue, async () => {
      const input: ModerationCaseInput = {
        caseId: `${randomUUID()}-1`,
        applicationId: randomUUID(),
        template: 'individual',
        reasons: ['face_mismatch'],
        evidence: { selfieSampleId: randomUUID(), documentFrontScanId: randomUUID() },
        distances: { threshold: 2.68, selfieToDocument: { similarity: 0.05, score: 0.4, threshold: 2.68, match: false, cautions: [] } },
        fields: [],
        confirmed: {},
        deadlineMs: 1_000,
      };
      const handle = await env.client.workflow.start('moderationCaseWorkflow', { taskQueue, workflowId: `moderation-${input.caseId}`, args: [input] });
      for (let i = 0; i < 100 && (await handle.query(getModerationCaseQuery)).status !== 'escalated'; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await handle.query(getModerationCaseQuery)).status).toBe('escalated');
      await handle.executeUpdate(claimModerationCaseUpdate, { args: [{ staffId: 'staff-1', moderator: 'm-1' }] });
      await expect(handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'reject', moderator: 'm-1', staffId: 'staff-1' }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/reason/) } });
      await handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'approve', moderator: 'm-1', staffId: 'staff-1' }] });
      await expect(handle.result()).resolves.toMatchObject({ decision: 'approve', moderator: 'm-1' });
      expect(cases.filter((c) => c.caseId === input.caseId).map((c) => c.status)).toEqual(['open', 'escalated', 'escalated', 'decided']);
    });
  }, 60_000);
});
