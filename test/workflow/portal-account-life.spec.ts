import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import {
  getPortalAccountLifeQuery,
  portalAccountWorkflowId,
  portalFullRightsSignal,
  portalSignedInSignal,
  type PortalAccountCheck,
  type PortalAccountLifeInput,
} from '@app/contracts';
import { startWorkflowEnvironment } from './support/workflow-environment';

/**
 * A temporary account's life against a real Temporal dev server, its activities faked: the seed's
 * 2 months and 30 days shortened to seconds (the time-skipping server is a download this machine
 * cannot make). Times are measured from when each call reached the fakes, not slept for.
 */
describe('portalAccountWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;

  interface Call {
    activity: 'notice' | 'delete';
    accountId: string;
    idleSince: string;
    at: number;
  }
  let calls: Call[] = [];
  /** What the fakes answer next, by activity (default: done). */
  let answers: Partial<Record<Call['activity'], PortalAccountCheck[]>> = {};
  const waiters: Array<{ test: (c: Call) => boolean; resolve: (c: Call) => void }> = [];

  const record = (activity: Call['activity'], input: { accountId: string; idleSince: string }): PortalAccountCheck => {
    const call = { activity, accountId: input.accountId, idleSince: input.idleSince, at: Date.now() };
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.test(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    return answers[activity]?.shift() ?? { outcome: 'done' };
  };
  const activities = {
    sendTemporaryAccountNotice: async (input: { accountId: string; idleSince: string }) => record('notice', input),
    deleteTemporaryAccount: async (input: { accountId: string; idleSince: string }) => record('delete', input),
  };
  const nextCall = (accountId: string, activity: Call['activity']) =>
    new Promise<Call>((resolve) => waiters.push({ test: (c) => c.accountId === accountId && c.activity === activity, resolve }));

  beforeAll(async () => {
    ({ env, bundle } = await startWorkflowEnvironment());
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(() => {
    calls = [];
    answers = {};
  });

  async function withWorker<T>(body: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `portal-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
    const running = worker.run();
    try {
      return await body(taskQueue);
    } finally {
      worker.shutdown();
      await running;
    }
  }

  const start = (taskQueue: string, input: Partial<PortalAccountLifeInput> & { noticeAfterMs: number; deleteAfterNoticeMs: number }) => {
    const accountId = randomUUID();
    return env.client.workflow.start('portalAccountWorkflow', {
      taskQueue,
      workflowId: portalAccountWorkflowId(accountId),
      args: [{ accountId, idleSince: new Date().toISOString(), ...input }],
    });
  };
  const accountOf = (workflowId: string) => workflowId.replace(/^portal-account-/, '');

  it('sends the notice after the stretch without a sign-in, then deletes the account after the second stretch', async () => {
    await withWorker(async (taskQueue) => {
      const startedAt = Date.now();
      const handle = await start(taskQueue, { noticeAfterMs: 1500, deleteAfterNoticeMs: 1500 });
      await expect(handle.result()).resolves.toBe('deleted');
      expect(calls.map((c) => c.activity)).toEqual(['notice', 'delete']);
      const [notice, deletion] = calls;
      expect(notice.at - startedAt).toBeGreaterThanOrEqual(1400);
      expect(deletion.at - notice.at).toBeGreaterThanOrEqual(1400);
      expect(deletion.idleSince).toBe(notice.idleSince);
      expect((await handle.query(getPortalAccountLifeQuery)).phase).toBe('deleted');
    });
  }, 60_000);

  it('starts the clock again at a sign-in before the notice', async () => {
    await withWorker(async (taskQueue) => {
      // Activated a second ago: without the sign-in the notice would be due in one more second.
      const handle = await start(taskQueue, { idleSince: new Date(Date.now() - 1000).toISOString(), noticeAfterMs: 2000, deleteAfterNoticeMs: 60_000 });
      const accountId = accountOf(handle.workflowId);
      const notice = nextCall(accountId, 'notice');
      const signedInAt = new Date();
      await handle.signal(portalSignedInSignal, { at: signedInAt.toISOString() });
      const call = await notice;
      expect(call.idleSince).toBe(signedInAt.toISOString());
      expect(call.at - signedInAt.getTime()).toBeGreaterThanOrEqual(1900);
      // The activity has been called; the workflow records the notice once it has returned (a workflow task later).
      let life = await handle.query(getPortalAccountLifeQuery);
      for (let i = 0; i < 50 && life.phase !== 'notified'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        life = await handle.query(getPortalAccountLifeQuery);
      }
      expect(life).toMatchObject({ phase: 'notified', idleSince: signedInAt.toISOString() });
      await handle.signal(portalFullRightsSignal, { at: new Date().toISOString() });
      await expect(handle.result()).resolves.toBe('full_rights');
    });
  }, 60_000);

  it('keeps the account when the person signs in after the notice: the next thing due is a new notice, not the deletion', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await start(taskQueue, { noticeAfterMs: 1000, deleteAfterNoticeMs: 1500 });
      const accountId = accountOf(handle.workflowId);
      const firstNotice = nextCall(accountId, 'notice');
      await firstNotice;
      const secondNotice = nextCall(accountId, 'notice');
      const signedInAt = new Date();
      await handle.signal(portalSignedInSignal, { at: signedInAt.toISOString() });
      expect((await secondNotice).idleSince).toBe(signedInAt.toISOString());
      await expect(handle.result()).resolves.toBe('deleted');
      expect(calls.map((c) => c.activity)).toEqual(['notice', 'notice', 'delete']);
    });
  }, 60_000);

  it('starts again from a sign-in the activity found in MySQL when the signal was lost', async () => {
    await withWorker(async (taskQueue) => {
      // A sign-in half-way between the notice (at 1 s) and the deletion (at 2 s) that no signal reported.
      const lastSignInAt = new Date(Date.now() + 1500).toISOString();
      answers.delete = [{ outcome: 'signed_in', lastSignInAt }];
      const handle = await start(taskQueue, { noticeAfterMs: 1000, deleteAfterNoticeMs: 1000 });
      await expect(handle.result()).resolves.toBe('deleted');
      expect(calls.map((c) => c.activity)).toEqual(['notice', 'delete', 'notice', 'delete']);
      expect(calls[2].idleSince).toBe(lastSignInAt);
    });
  }, 60_000);

  it('ends at full rights, from a signal or from what the activity found, without deleting anything', async () => {
    await withWorker(async (taskQueue) => {
      const signalled = await start(taskQueue, { noticeAfterMs: 60_000, deleteAfterNoticeMs: 60_000 });
      await signalled.signal(portalFullRightsSignal, { at: new Date().toISOString() });
      await expect(signalled.result()).resolves.toBe('full_rights');

      answers.notice = [{ outcome: 'full_rights' }];
      const found = await start(taskQueue, { noticeAfterMs: 500, deleteAfterNoticeMs: 60_000 });
      await expect(found.result()).resolves.toBe('full_rights');
      expect(calls.map((c) => c.activity)).toEqual(['notice']);
    });
  }, 60_000);

  it('ends without a deletion when the account is already gone', async () => {
    await withWorker(async (taskQueue) => {
      answers.notice = [{ outcome: 'gone' }];
      const handle = await start(taskQueue, { noticeAfterMs: 300, deleteAfterNoticeMs: 60_000 });
      await expect(handle.result()).resolves.toBe('deleted');
      expect(calls.map((c) => c.activity)).toEqual(['notice']);
    });
  }, 60_000);
});
