import { writeFileSync } from 'node:fs';
import { startService, workerService } from '../../scripts/stack';
import { IT_DIR, IT_STATE_FILE, readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';

describe('Durability: the worker dies between "code sent" and "code submitted"', () => {
  const client = new OnboardingClient();

  it('lets the applicant finish without noticing after a SIGKILL and a restart', async () => {
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
});
