import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig, temporalSchema } from '@app/config';
import { personEligibility } from '@app/eligibility';
import type { PersonRecord } from '@app/registers';
import { encryptedDataConverter } from '@app/temporal-codec';
import { ROOT, startIsolatedStack, stopServices } from '../scripts/stack';
import { baselineStartedUpdate, baselineSubmitUpdate } from './baseline.workflow';
import { percentile, pool, summarise } from './stats';

/**
 * Onboarding throughput and latency: N concurrent applicants (default 50, BENCH_APPLICANTS) go
 * start → read the SMS → submit the code over HTTP against a stack of their own, then the same N
 * go through an empty workflow with the same steps, and the ratio is printed.
 *   npm run -s ts bench/onboarding.bench.ts
 */
const N = Number(process.env.BENCH_APPLICANTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? N);

type Person = PersonRecord & { bmgPhone: string | null };

/** Applicants the register rules admit, with a БМГ phone. */
const canApply = (p: Person) => Boolean(p.bmgPhone) && personEligibility(p).eligible;

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T }> {
  const r = await response;
  return { status: r.status, body: (await r.json()) as T };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await startIsolatedStack({
    ports: { api: 3201, registerSimulator: 4211, smsSimulator: 4221, temporal: 7253, temporalUi: 8253, smtp: 1225, mailUi: 8225 },
    database: 'onboarding_bench',
    logDir: resolve(ROOT, '.data/bench'),
    env: { TEMPORAL_TASK_QUEUE: 'onboarding-bench', LOG_LEVEL: 'warn' },
  });
  const api = `http://127.0.0.1:${stack.ports.api}`;
  const sms = `http://127.0.0.1:${stack.ports.smsSimulator}`;
  try {
    const people = (await json<Person[]>(fetch(`http://127.0.0.1:${stack.ports.registerSimulator}/_dev/people`))).body.filter(canApply);
    if (people.length < N + 2) throw new Error(`only ${people.length} seeded people have a phone; lower BENCH_APPLICANTS`);

    const latency = { start: [] as number[], readSms: [] as number[], verify: [] as number[], total: [] as number[] };
    const applicant = async (person: Person, record: boolean) => {
      const t0 = performance.now();
      const started = await json<{ applicationId: string; token: string; status: string }>(
        fetch(`${api}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subjectType: 'individual', iin: person.iin, template: 'individual' }) }),
      );
      if (started.status !== 201 || started.body.status !== 'otp_sent') throw new Error(`start failed: ${JSON.stringify(started.body)}`);
      const t1 = performance.now();
      let code: string | undefined;
      while (!code) {
        const messages = (await json<Array<{ body: string }>>(fetch(`${sms}/_dev/messages?to=${encodeURIComponent(person.bmgPhone!)}`))).body;
        code = messages[0] && /\b(\d{5})\b/.exec(messages[0].body)?.[1];
        if (!code) await new Promise((r) => setTimeout(r, 20));
      }
      const t2 = performance.now();
      const verified = await json<{ status: string }>(
        fetch(`${api}/api/v1/applications/${started.body.applicationId}/otp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${started.body.token}` },
          body: JSON.stringify({ code }),
        }),
      );
      if (verified.body.status !== 'otp_verified') throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
      const t3 = performance.now();
      if (record) {
        latency.start.push(t1 - t0);
        latency.readSms.push(t2 - t1);
        latency.verify.push(t3 - t2);
        latency.total.push(t3 - t0);
      }
    };

    await pool(people.slice(0, 2), 2, (p) => applicant(p, false)); // warm-up
    const wallStart = performance.now();
    await pool(people.slice(2, 2 + N), CONCURRENCY, (p) => applicant(p, true));
    const onboardingSeconds = (performance.now() - wallStart) / 1000;

    // The same N through an empty workflow with the same steps, on the same Temporal server, with the same payload codec.
    const baselineQueue = 'bench-baseline';
    const temporal = loadConfig(temporalSchema, stack.env);
    const dataConverter = encryptedDataConverter(temporal.TEMPORAL_PAYLOAD_KEYS);
    const nativeConnection = await NativeConnection.connect({ address: temporal.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection: nativeConnection,
      dataConverter,
      taskQueue: baselineQueue,
      workflowsPath: require.resolve('./baseline.workflow'),
      activities: { noop: async () => undefined },
    });
    const client = new Client({ connection: await Connection.connect({ address: temporal.TEMPORAL_ADDRESS }), dataConverter });
    const baseline = { start: [] as number[], submit: [] as number[], total: [] as number[] };
    const baselineRun = async (record: boolean) => {
      const t0 = performance.now();
      const startWorkflowOperation = new WithStartWorkflowOperation('baselineWorkflow', { workflowId: `baseline-${randomUUID()}`, taskQueue: baselineQueue, workflowIdConflictPolicy: 'FAIL', args: [] });
      await client.workflow.executeUpdateWithStart(baselineStartedUpdate, { startWorkflowOperation });
      const t1 = performance.now();
      await (await startWorkflowOperation.workflowHandle()).executeUpdate(baselineSubmitUpdate, { args: ['00000'] });
      const t2 = performance.now();
      if (record) {
        baseline.start.push(t1 - t0);
        baseline.submit.push(t2 - t1);
        baseline.total.push(t2 - t0);
      }
    };
    let baselineSeconds = 0;
    await worker.runUntil(async () => {
      await pool([1, 2], 2, () => baselineRun(false));
      const t = performance.now();
      await pool(Array.from({ length: N }, (_, i) => i), CONCURRENCY, () => baselineRun(true));
      baselineSeconds = (performance.now() - t) / 1000;
    });
    await client.connection.close();
    await nativeConnection.close();

    const lines = [
      `onboarding benchmark: ${N} applicants, ${CONCURRENCY} at a time, one API + one worker + Temporal dev server + MariaDB on ${cpus().length} cores`,
      '',
      'HTTP path (start → read SMS → verify):',
      summarise('  POST /applications', latency.start),
      summarise('  read SMS (simulator)', latency.readSms),
      summarise('  POST /applications/:id/otp', latency.verify),
      summarise('  whole applicant', latency.total),
      `  throughput                   ${(N / onboardingSeconds).toFixed(2)} applicants/s (${onboardingSeconds.toFixed(2)} s wall)`,
      '',
      'empty workflow, same steps (update-with-start awaiting 4 no-op activities, then an update running 2):',
      summarise('  start (update-with-start)', baseline.start),
      summarise('  submit (update)', baseline.submit),
      summarise('  whole run', baseline.total),
      `  throughput                   ${(N / baselineSeconds).toFixed(2)} runs/s (${baselineSeconds.toFixed(2)} s wall)`,
      '',
      `ratio onboarding / empty workflow: wall ${(onboardingSeconds / baselineSeconds).toFixed(2)}×, p50 per applicant ${(percentile(latency.total, 50) / percentile(baseline.total, 50)).toFixed(2)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await stopServices(stack.running);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
