import { writeFileSync } from 'node:fs';
import { startService, workerService } from '../../scripts/stack';
import { IT_DIR, IT_STATE_FILE, readStack } from './support/it-stack';
import { createConnection } from 'mysql2/promise';
import { OnboardingClient, peopleWithPhones, sleep } from './support/onboarding-client';
import { Applicant } from './support/whole-path';

describe('Durability: workers killed with SIGKILL and replaced', () => {
  const client = new OnboardingClient();

  it('lets the applicant finish the code step without noticing when the onboarding worker dies between "code sent" and "code submitted"', async () => {
    const state = readStack();
    const { iin, phone } = (await peopleWithPhones(client, 30))();
    const started = await client.start(iin);
    expect(started.body.status).toBe('otp_sent');
    const code = await client.nthCode(phone, 1);

    process.kill(state.workerPid, 'SIGKILL');
    const restarted = await startService(workerService({ ...state.env, WORKER_ROLES: 'onboarding,pki' }, 'worker-restarted'), { dir: IT_DIR, echo: false });
    writeFileSync(IT_STATE_FILE, JSON.stringify({ ...state, workerPid: restarted.child.pid, extraPids: [...state.extraPids, restarted.child.pid] }, null, 2));

    const verified = await client.submitOtp(started.body.applicationId, started.body.token, code);
    expect(verified.body).toMatchObject({ status: 'otp_verified' });
    expect(verified.body.history.map((h: { status: string }) => h.status)).toEqual(['checking_phone', 'otp_sent', 'otp_verified']);
  });

  it('reads the document once the CPU worker, killed in the middle of the OCR, is replaced: one reading, one portrait', async () => {
    const { iin } = (await peopleWithPhones(client, 31))();
    const applicant = new Applicant(client, (await client.people()).find((p) => p.iin === iin)!);
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document('stock-emotions-a-5');
    const front = await applicant.upload('/documents/front', document.front);
    const back = await applicant.upload('/documents/back', document.back!);
    const reading = applicant.call('POST', '/document', { type: 'id_card', frontScanId: front.body.scanId, backScanId: back.body.scanId });
    await applicant.waitFor('document_reading');
    await sleep(1_000); // the OCR has started on the CPU worker

    const state = readStack();
    process.kill(state.cpuWorkerPid, 'SIGKILL');
    const restarted = await startService(workerService({ ...state.env, WORKER_ROLES: 'biometrics,documents' }, 'cpu-worker-restarted'), { dir: IT_DIR, echo: false });
    writeFileSync(IT_STATE_FILE, JSON.stringify({ ...state, cpuWorkerPid: restarted.child.pid, extraPids: [...state.extraPids, restarted.child.pid] }, null, 2));

    const answer = await reading;
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('passed');
    expect(answer.body.application.document.recognised.iin).toBe(iin);
    const db = await createConnection({ uri: state.env.DATABASE_URL });
    try {
      const [rows] = await db.query("SELECT COUNT(*) AS n FROM biometric_samples WHERE application_id = ? AND kind = 'document_portrait'", [applicant.id]);
      expect(Number((rows as Array<{ n: number }>)[0].n)).toBe(1);
    } finally {
      await db.end();
    }
  }, 300_000);
});
