import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import {
  claimModerationCaseUpdate,
  decideModerationCaseUpdate,
  getModerationCaseQuery,
  releaseModerationCaseUpdate,
  type ModerationCaseInput,
} from '@app/contracts';
import type { ModerationCaseRecord } from '@app/onboarding';
import { startWorkflowEnvironment } from './support/workflow-environment';

/**
 * The moderation case's claim and decision rules against a real Temporal server, the projection
 * write faked: one moderator at a time holds a case for a lease, and only they decide it.
 */
describe('moderationCaseWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const records: ModerationCaseRecord[] = [];
  const taskQueue = `moderation-${randomUUID()}`;
  let worker: Worker;
  let running: Promise<void>;

  const ALMAS = { staffId: 'staff-almas', moderator: 'almas' };
  const DANA = { staffId: 'staff-dana', moderator: 'dana' };

  beforeAll(async () => {
    ({ env, bundle } = await startWorkflowEnvironment());
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { recordModerationCase: async (input: ModerationCaseRecord) => void records.push(input) },
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function openCase(settings: Partial<ModerationCaseInput> = {}) {
    const input: ModerationCaseInput = {
      caseId: `${randomUUID()}-1`,
      applicationId: randomUUID(),
      template: 'individual',
      reasons: ['face_mismatch'],
      evidence: { selfieSampleId: randomUUID(), documentFrontScanId: randomUUID() },
      distances: { threshold: 2.68, selfieToDocument: { similarity: 0.05, score: 0.4, threshold: 2.68, match: false, cautions: [] } },
      fields: [],
      confirmed: {},
      deadlineMs: 60_000,
      ...settings,
    };
    const handle = await env.client.workflow.start('moderationCaseWorkflow', { taskQueue, workflowId: `moderation-${input.caseId}`, args: [input] });
    return { input, handle, written: () => records.filter((r) => r.caseId === input.caseId) };
  }

  it('lets one of two moderators racing for a case claim it and tells the other who holds it until when', async () => {
    const { handle } = await openCase({ claimLeaseMs: 60_000 });
    const answers = await Promise.allSettled([
      handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] }),
      handle.executeUpdate(claimModerationCaseUpdate, { args: [DANA] }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    const won = answers.find((a) => a.status === 'fulfilled')!.value;
    const lost = (answers.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason;
    const winner = won.claim!.moderator;
    expect([ALMAS.moderator, DANA.moderator]).toContain(winner);
    expect(Date.parse(won.claim!.until) - Date.parse(won.claim!.claimedAt)).toBe(60_000);
    expect(lost.cause.message).toBe(`this case is claimed by ${winner} until ${won.claim!.until.slice(0, 16).replace('T', ' ')} UTC; it is free again when the lease ends or they release it`);
    expect(lost.cause.details).toEqual([{ claimedBy: winner, claimedUntil: won.claim!.until }]);
    await handle.terminate('test over');
  });

  it('decides only for the holder of the claim, writes each change to the projection in order, and ends with the decision', async () => {
    const { handle, written } = await openCase();
    const decide = (by: { staffId: string; moderator: string }) => handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'approve', ...by }] });
    await expect(decide(ALMAS)).rejects.toMatchObject({ cause: { message: 'claim the case first: only the moderator holding a live claim decides' } });
    await handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] });
    await expect(decide(DANA)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/^this case is claimed by almas until/) } });
    // Claiming again renews the holder's own lease.
    await expect(handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] })).resolves.toMatchObject({ claim: { moderator: 'almas' } });
    await expect(handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'reject', ...ALMAS }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/reason/) } });
    await expect(decide(ALMAS)).resolves.toMatchObject({ status: 'decided', decided: { decision: 'approve', moderator: 'almas', staffId: 'staff-almas' } });
    await expect(handle.result()).resolves.toMatchObject({ decision: 'approve', moderator: 'almas' });
    await expect(handle.query(getModerationCaseQuery)).resolves.toMatchObject({ status: 'decided' });

    const rows = written();
    expect(rows.map((r) => [r.version, r.status, r.claim?.moderator ?? null])).toEqual([
      [1, 'open', null],
      [2, 'open', 'almas'],
      [3, 'open', 'almas'],
      [4, 'decided', 'almas'],
    ]);
    expect(rows[3]).toMatchObject({ decision: 'approve', decidedBy: 'almas' });
  });

  it('frees a case when the lease runs out or its holder releases it', async () => {
    const { handle } = await openCase({ claimLeaseMs: 1_500 });
    await handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] });
    await expect(handle.executeUpdate(releaseModerationCaseUpdate, { args: [{ staffId: DANA.staffId }] })).rejects.toMatchObject({ cause: { message: 'you hold no claim on this case' } });
    await expect(handle.executeUpdate(claimModerationCaseUpdate, { args: [DANA] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/claimed by almas/) } });
    await new Promise((r) => setTimeout(r, 1_600)); // the lease is wall-clock time the workflow reads; no timer to skip
    await expect(handle.executeUpdate(claimModerationCaseUpdate, { args: [DANA] })).resolves.toMatchObject({ claim: { moderator: 'dana' } });
    // The lapsed holder can no longer decide.
    await expect(handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'approve', ...ALMAS }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/claimed by dana/) } });
    await expect(handle.executeUpdate(releaseModerationCaseUpdate, { args: [{ staffId: DANA.staffId }] })).resolves.not.toHaveProperty('claim');
    await expect(handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] })).resolves.toMatchObject({ claim: { moderator: 'almas' } });
    await handle.terminate('test over');
  });

  it('escalates a case past its deadline, keeps it claimable, and still takes the decision', async () => {
    const { handle, written } = await openCase({ deadlineMs: 1_000 });
    for (let i = 0; i < 100 && (await handle.query(getModerationCaseQuery)).status !== 'escalated'; i++) await new Promise((r) => setTimeout(r, 100));
    const escalated = await handle.query(getModerationCaseQuery);
    expect(escalated.status).toBe('escalated');
    await handle.executeUpdate(claimModerationCaseUpdate, { args: [DANA] });
    await handle.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: 'new_document', ...DANA }] });
    await expect(handle.result()).resolves.toMatchObject({ decision: 'new_document', moderator: 'dana' });
    await expect(handle.executeUpdate(claimModerationCaseUpdate, { args: [ALMAS] })).rejects.toThrow();
    expect(written().map((r) => r.status)).toEqual(['open', 'escalated', 'escalated', 'decided']);
    expect(written().at(-1)).toMatchObject({ escalatedAt: escalated.escalatedAt, decision: 'new_document' });
  });
});
