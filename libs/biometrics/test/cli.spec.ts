import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { MATCH_THRESHOLD } from '@app/biometrics';
import { facePath } from '@app/fixtures';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const face = (...args: string[]) => run(process.execPath, ['-r', '@swc-node/register', 'libs/biometrics/src/cli.ts', ...args], { cwd: root, timeout: 120_000 });

describe('face command line', () => {
  jest.setTimeout(120_000);

  it('prints {faces, problems} for check and {distance, threshold, match} for match', async () => {
    const check = JSON.parse((await face('check', facePath('group-2'))).stdout);
    expect(check.faces).toBe(3);
    expect(check.problems.map((p: { code: string }) => p.code)).toContain('SEVERAL_FACES');
    const match = JSON.parse((await face('match', facePath('stock-teen-1'), facePath('stock-teen-4'))).stdout);
    expect(match).toMatchObject({ threshold: MATCH_THRESHOLD, match: true });
    expect(match.distance).toBeLessThan(MATCH_THRESHOLD);
  });

  it('exits with code 2 and a JSON error for a file that is not an image', async () => {
    const failure = await face('check', path.join(root, 'package.json')).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({ code: 'IMAGE_NOT_AN_IMAGE' });
  });
});
