import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Recorded histories of released workflow versions must replay against today's workflow code: a
 * change that would break running applications fails here, not in production.
 * Record another: RECORD_HISTORY=<name> npx jest --selectProjects integration test/integration/onboarding-otp -t 'takes an applicant'
 */
describe('onboardingWorkflow replay', () => {
  const root = resolve(__dirname, '../..');
  const histories = readdirSync(resolve(root, 'test/replay/histories')).filter((f) => f.endsWith('.json'));

  it('replays every recorded history deterministically', () => {
    expect(histories.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'test/replay/replay-histories.ts'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').sort()).toEqual(histories.map((f) => `ok ${f}`).sort());
    expect(run.status).toBe(0);
  }, 130_000);
});
