import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { MATCH_THRESHOLD } from '@app/biometrics';
import { facesDir } from '@app/fixtures';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const face = (...args: string[]) => run(process.execPath, ['-r', '@swc-node/register', 'libs/biometrics/src/cli.ts', ...args], { cwd: root, timeout: 120_000 });

describe('face command line', () => {
  jest.setTimeout(120_000);

  it('prints {faces, problems} for check and {score, threshold, match, decision} for match', async () => {
    const fixtures = facesDir();
    const check = JSON.parse((await face('check', path.join(fixtures, 'group-2.jpg'))).stdout);
    expect(check.faces).toBe(3);
    expect(check.problems.map((p: { code: string }) => p.code)).toContain('SEVERAL_FACES');
    const match = JSON.parse((await face('match', path.join(fixtures, 'stock-teen-1.jpg'), path.join(fixtures, 'stock-teen-4.jpg'))).stdout);
    expect(match).toMatchObject({ threshold: MATCH_THRESHOLD, match: true, decision: 'match' });
    expect(match.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('evaluates every pair of a directory and ends with one JSON line of counts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'face-evaluate-'));
    try {
      // anna = woman A (two photos), bea = woman B, kid = the girl, blank has no face.
      const fixtures = facesDir();
      for (const [from, to] of [['stock-emotions-a-1', 'anna1'], ['stock-emotions-a-6', 'anna2'], ['stock-emotions-b-8', 'bea'], ['stock-teen-4', 'kid']]) await copyFile(path.join(fixtures, `${from}.jpg`), path.join(dir, `${to}.jpg`));
      await writeFile(path.join(dir, 'kid3.jpg'), await sharp({ create: { width: 300, height: 300, channels: 3, background: '#345' } }).jpeg().toBuffer());
      const { stdout } = await face('evaluate', dir);
      const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(last).toEqual({ images: 5, facesFound: 4, genuinePairs: 2, falseRejects: 1, impostorPairs: 8, falseAccepts: 0, threshold: MATCH_THRESHOLD });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits with code 2 and a JSON error for a file that is not an image', async () => {
    const failure = await face('check', path.join(root, 'package.json')).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({ code: 'IMAGE_NOT_AN_IMAGE' });
  });
});
