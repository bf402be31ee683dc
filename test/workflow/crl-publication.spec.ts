import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { TASK_QUEUES } from '@app/contracts';
import type { PublishedCrlInfo } from '@app/pki';
import { startWorkflowEnvironment } from './support/workflow-environment';

/** The CRL schedule's workflow against a real Temporal dev server, the CA's activities faked. */
describe('crlPublicationWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const calls: string[] = [];
  let failDeltaOnce = false;

  const crl = (kind: 'base' | 'delta', number: string, published: boolean): PublishedCrlInfo => ({
    issuer: 'issuing',
    kind,
    number,
    baseNumber: kind === 'delta' ? '7' : null,
    thisUpdate: new Date().toISOString(),
    nextUpdate: new Date(Date.now() + 3_600_000).toISOString(),
    entries: 0,
    published,
  });
  const pki = {
    publishBaseCrl: async (options: { onlyIfDue?: boolean }) => {
      calls.push(`base onlyIfDue=${options.onlyIfDue}`);
      return { base: crl('base', '7', false), root: { ...crl('base', '3', false), issuer: 'root' as const } };
    },
    publishDeltaCrl: async () => {
      calls.push('delta');
      if (failDeltaOnce) {
        failDeltaOnce = false;
        throw new Error('database went away');
      }
      return crl('delta', '8', true);
    },
  };

  beforeAll(async () => {
    ({ env, bundle } = await startWorkflowEnvironment());
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  async function tick() {
    const taskQueue = `crl-${randomUUID()}`;
    const workers = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle }),
      Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.pki, activities: pki }),
    ]);
    const running = workers.map((w) => w.run());
    try {
      return await env.client.workflow.execute('crlPublicationWorkflow', { taskQueue, workflowId: `crl-publication-${randomUUID()}` });
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
    }
  }

  it('publishes a base CRL only when due, then a delta, on the pki queue', async () => {
    calls.length = 0;
    const result = await tick();
    expect(calls).toEqual(['base onlyIfDue=true', 'delta']);
    expect(result).toMatchObject({ base: { base: { number: '7', published: false }, root: { issuer: 'root' } }, delta: { kind: 'delta', number: '8', baseNumber: '7' } });
  }, 60_000);

  it('retries a delta that failed for an infrastructure reason', async () => {
    calls.length = 0;
    failDeltaOnce = true;
    const result = await tick();
    expect(calls).toEqual(['base onlyIfDue=true', 'delta', 'delta']);
    expect(result.delta.number).toBe('8');
  }, 60_000);
});
