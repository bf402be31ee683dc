import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, temporalSchema } from '@app/config';
import { MODERATION_WORKFLOW_TYPE, moderationCaseWorkflowId, type ModerationCaseInput } from '@app/contracts';
import { encryptedDataConverter } from '@app/temporal-codec';
import { readStack } from './support/it-stack';
import { OnboardingClient, sleep } from './support/onboarding-client';
import { closeStaffAccounts, staffSession, type StaffSession } from './support/staff';

/**
 * Claims on moderation cases through the API, against cases the test opens itself (the workflow the
 * register match step starts, on the stack's worker, with a lease of seconds): the whole path to a
 * case is the whole-path tests' business.
 */
describe('Moderation claims: one moderator at a time, for a lease', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const temporal = loadConfig(temporalSchema, stack.env);
  let connection: Connection;
  let workflows: Client;
  let almas: StaffSession;
  let dana: StaffSession;
  const opened: string[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporal.TEMPORAL_ADDRESS });
    workflows = new Client({ connection, namespace: temporal.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(temporal.TEMPORAL_PAYLOAD_KEYS) });
    almas = await staffSession(client, ['moderator'], 'almas');
    dana = await staffSession(client, ['moderator'], 'dana');
  });
  afterAll(async () => {
    for (const caseId of opened) await workflows.workflow.getHandle(moderationCaseWorkflowId(caseId)).terminate('test over').catch(() => undefined);
    await connection.close();
    await closeStaffAccounts();
  });

  async function openCase(claimLeaseMs: number): Promise<string> {
    const applicationId = randomUUID();
    const input: ModerationCaseInput = {
      caseId: `${applicationId}-1`,
      applicationId,
      template: 'individual',
      reasons: ['face_mismatch'],
      evidence: { selfieSampleId: randomUUID(), documentFrontScanId: randomUUID() },
      distances: { threshold: 0.42 },
      fields: [],
      confirmed: {},
      deadlineMs: 3_600_000,
      claimLeaseMs,
    };
    await workflows.workflow.start(MODERATION_WORKFLOW_TYPE, { taskQueue: stack.env.TEMPORAL_TASK_QUEUE, workflowId: moderationCaseWorkflowId(input.caseId), args: [input] });
    opened.push(input.caseId);
    for (let i = 0; i < 100; i++) {
      const listed = await queued(input.caseId, almas.token);
      if (listed) return input.caseId;
      await sleep(100);
    }
    throw new Error(`case ${input.caseId} never reached the queue`);
  }

  const as = (who: StaffSession, method: string, path: string, body?: unknown) => who.call(method, `/api/v1/moderation/cases${path}`, body);
  const queued = async (caseId: string, token: string) =>
    ((await client.call('GET', '/api/v1/moderation/cases?pageSize=50&youngerThanMinutes=5', { token })).body.items as Array<{ caseId: string; status: string; claim: unknown }>).find((c) => c.caseId === caseId);

  it('lets one of two moderators racing for a case claim it; the other gets 409 saying who holds it until when', async () => {
    const caseId = await openCase(60_000);
    const answers = await Promise.all([as(almas, 'POST', `/${caseId}/claim`), as(dana, 'POST', `/${caseId}/claim`)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)!.body;
    const lost = answers.find((a) => a.status === 409)!.body;
    const winner = won.claim.moderator as string;
    expect([almas.username, dana.username]).toContain(winner);
    expect(won.claim.yours).toBe(true);
    expect(lost.message).toBe(`this case is claimed by ${winner} until ${(won.claim.until as string).slice(0, 16).replace('T', ' ')} UTC; it is free again when the lease ends or they release it`);
    expect(lost).toMatchObject({ claimedBy: winner, claimedUntil: won.claim.until });
    await expect(queued(caseId, almas.token)).resolves.toMatchObject({ status: 'claimed', claim: { moderator: winner, until: won.claim.until } });
  });

  it('lets another moderator claim the case once the lease has run out, and the lapsed holder can no longer decide', async () => {
    const caseId = await openCase(3_000);
    expect((await as(almas, 'POST', `/${caseId}/claim`)).status).toBe(200);
    expect((await as(dana, 'POST', `/${caseId}/claim`)).status).toBe(409);
    await sleep(3_200); // the lease is wall-clock time
    await expect(queued(caseId, dana.token)).resolves.toMatchObject({ status: 'open', claim: null });
    const taken = await as(dana, 'POST', `/${caseId}/claim`);
    expect(taken.status).toBe(200);
    expect(taken.body.claim).toMatchObject({ moderator: dana.username, yours: true });
    const late = await as(almas, 'POST', `/${caseId}/decision`, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(new RegExp(`^this case is claimed by ${dana.username} until`));
  });

  it('frees a case its holder releases, and refuses a release by someone who does not hold it', async () => {
    const caseId = await openCase(60_000);
    expect((await as(almas, 'POST', `/${caseId}/claim`)).status).toBe(200);
    const notTheirs = await as(dana, 'DELETE', `/${caseId}/claim`);
    expect(notTheirs.status).toBe(409);
    expect(notTheirs.body.message).toBe('you hold no claim on this case');
    const released = await as(almas, 'DELETE', `/${caseId}/claim`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', claim: null });
    expect((await as(dana, 'POST', `/${caseId}/claim`)).status).toBe(200);
  });

  it('answers bad queue filters with what to fix, and an unknown case with 404', async () => {
    const bad = await as(almas, 'GET', '?pageSize=500&reason=ugly');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['pageSize is a whole number from 1 to 50', expect.stringMatching(/^reason must be one of: register_person_not_found/)]));
    const unknown = await as(almas, 'POST', `/${randomUUID()}-1/claim`);
    expect(unknown.status).toBe(404);
  });
});
