import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { TASK_QUEUES, decideFirstHeadApprovalUpdate, getFirstHeadApprovalQuery, type FirstHeadApprovalInput } from '@app/contracts';
import { startWorkflowEnvironment } from './support/workflow-environment';

/**
 * The first head's approval (seed 002 steps 26–27) with its activities faked, against a real Temporal
 * dev server: the deadline and reminders are shortened to seconds (the time-skipping server is a
 * download this machine cannot make).
 */
describe('firstHeadApprovalWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const notices: Array<{ number: string; notice: string; key: string }> = [];
  const projection: Array<{ number: string; status: string }> = [];
  const nuc: Array<{ number: string; action: string }> = [];

  const onboarding = {
    recordFirstHeadApproval: async (input: { number: string; status: string }) => {
      projection.push({ number: input.number, status: input.status });
    },
    notifyFirstHead: async (input: { number: string; notice: string; key: string }) => {
      notices.push({ number: input.number, notice: input.notice, key: input.key });
      return { sent: 1 };
    },
  };
  const pki = {
    approveNucApplicationByFirstHead: async (number: string) => nuc.push({ number, action: 'approve' }),
    rejectNucApplicationByFirstHead: async (number: string) => nuc.push({ number, action: 'reject' }),
    annulNucApplication: async (number: string) => nuc.push({ number, action: 'annul' }),
  };

  beforeAll(async () => {
    ({ env, bundle } = await startWorkflowEnvironment());
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  async function withWorkers<T>(taskQueue: string, body: () => Promise<T>): Promise<T> {
    const workers = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: onboarding }),
      Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.pki, activities: pki }),
    ]);
    const running = workers.map((w) => w.run());
    try {
      return await body();
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
    }
  }

  const input = (overrides: Partial<FirstHeadApprovalInput> = {}): FirstHeadApprovalInput => ({
    number: String(Date.now()).padStart(14, '0').slice(-14),
    applicationId: randomUUID(),
    bin: '120440900015',
    employeeIin: '970303486292',
    template: 'legal_entity_employee',
    deadlineMs: 60_000,
    reminderIntervalMs: 30_000,
    ...overrides,
  });

  it('reminds the first head after each interval and annuls the НУЦ application when the deadline passes', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    const args = input({ deadlineMs: 3_500, reminderIntervalMs: 1_000 });
    await withWorkers(taskQueue, async () => {
      const handle = await env.client.workflow.start('firstHeadApprovalWorkflow', { taskQueue, workflowId: `first-head-approval-${args.number}`, args: [args] });
      const outcome = await handle.result();
      expect(outcome).toMatchObject({ decision: 'expired' });
      // The request at once, then one reminder a second until the deadline, never one at or after it.
      expect(notices.filter((n) => n.number === args.number).map((n) => n.key)).toEqual([
        `${args.number}:request`,
        `${args.number}:reminder:1`,
        `${args.number}:reminder:2`,
        `${args.number}:reminder:3`,
      ]);
      expect(nuc.filter((n) => n.number === args.number)).toEqual([{ number: args.number, action: 'annul' }]);
      expect(projection.filter((p) => p.number === args.number).map((p) => p.status)).toEqual(['pending', 'expired']);
      const view = await handle.query(getFirstHeadApprovalQuery);
      expect(view).toMatchObject({ status: 'expired', remindersSent: 3 });
    });
  }, 60_000);

  it('takes one valid decision: a rejection needs a reason, nobody decides on their own application or for another BIN', async () => {
    const taskQueue = `wf-${randomUUID()}`;
    const args = input();
    const approver = { iin: '871218425862', certificateSerial: '0a1b2c' };
    await withWorkers(taskQueue, async () => {
      const handle = await env.client.workflow.start('firstHeadApprovalWorkflow', { taskQueue, workflowId: `first-head-approval-${args.number}`, args: [args] });
      const refused = (decision: object, message: RegExp) => expect(handle.executeUpdate(decideFirstHeadApprovalUpdate, { args: [decision as never] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(message) } });
      await refused({ decision: 'reject', bin: args.bin, approver, reason: '  ' }, /reason/);
      await refused({ decision: 'approve', bin: args.bin, approver: { ...approver, iin: args.employeeIin }, evidenceId: randomUUID() }, /own application/);
      await refused({ decision: 'approve', bin: '070340001239', approver, evidenceId: randomUUID() }, /another organisation/);
      await refused({ decision: 'approve', bin: args.bin, approver }, /evidenceId/);
      expect(nuc.filter((n) => n.number === args.number)).toEqual([]);

      const evidenceId = randomUUID();
      const decided = await handle.executeUpdate(decideFirstHeadApprovalUpdate, { args: [{ decision: 'approve', bin: args.bin, approver, evidenceId }] });
      expect(decided).toMatchObject({ status: 'approved', outcome: { decision: 'approve', evidenceId } });
      await expect(handle.result()).resolves.toMatchObject({ decision: 'approve', approver, evidenceId });
      expect(nuc.filter((n) => n.number === args.number)).toEqual([{ number: args.number, action: 'approve' }]);
      expect(projection.filter((p) => p.number === args.number).map((p) => p.status)).toEqual(['pending', 'approved']);
      expect(notices.filter((n) => n.number === args.number).map((n) => n.notice)).toEqual(['request']);
    });
  }, 60_000);
});
