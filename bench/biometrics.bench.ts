/* Latency (warm) of the biometrics checks on this machine: npm run -s ts bench/biometrics.bench.ts [iterations] */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { BiometricsEngine, checkSelfie, decodeImage, LivenessChallenge, LivenessSessions, matchThreeWay } from '@app/biometrics';
import { faceFixturesDir } from '../libs/biometrics/test/support/face-fixtures';

const iterations = Number(process.argv[2] ?? 15);
const file = (name: string) => readFileSync(path.join(faceFixturesDir(), `${name}.jpg`));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  await run(0); // warm-up: first calls compile WASM kernels
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  console.log(`${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(samples, 95).toFixed(0).padStart(5)} ms   (n=${iterations})`);
}

async function throughput(concurrency: number, jobs: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) await job(next++);
    }),
  );
  return (jobs / (performance.now() - started)) * 1000;
}

async function main(): Promise<void> {
  const engine = BiometricsEngine.shared();
  const initStarted = performance.now();
  await engine.init();
  console.log(`backend: ${await engine.backend()} (init ${(performance.now() - initStarted).toFixed(0)} ms), ${iterations} warm iterations each`);

  const selfies = ['stock-emotions-a-1', 'stock-emotions-a-6', 'stock-teen-4', 'person-vlado5'].map(file);
  await measure('(a) selfie check (decode + check)', async (i) => checkSelfie(engine, await decodeImage(selfies[i % selfies.length])));

  const [selfie, portrait, register] = ['stock-emotions-a-6', 'stock-emotions-a-3', 'stock-emotions-a-7'].map(file);
  await measure('(b) three-way match (decode ×3 + match)', async () =>
    matchThreeWay(engine, { selfie: await decodeImage(selfie), documentPortrait: await decodeImage(portrait), registerPhoto: await decodeImage(register) }),
  );

  // Camera frames are smaller than stock photos: 640 px on the long side.
  const frame = async (bytes: Buffer) => decodeImage(await sharp(bytes).resize({ width: 640, height: 640, fit: 'inside' }).jpeg().toBuffer());
  const frames = await Promise.all([file('stock-emotions-a-4'), file('stock-emotions-a-2'), await sharp(file('stock-emotions-a-2')).flop().toBuffer(), file('stock-emotions-a-7')].map(frame));
  const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile];
  const rigged = () => {
    const pool = Object.values(LivenessChallenge);
    const queue = [...challenges];
    return () => {
      const index = pool.indexOf(queue.shift()!);
      pool.splice(index, 1);
      return index;
    };
  };
  const verdictOnly: number[] = [];
  await measure('(c) liveness session: 4 frames + verdict', async () => {
    const sessions = new LivenessSessions(engine, { random: rigged() });
    const { sessionId } = sessions.create();
    const t0 = Date.now();
    for (const [i, f] of frames.entries()) await sessions.addFrame(sessionId, t0 + i * 700, f);
    const started = performance.now();
    const verdict = await sessions.verdict(sessionId);
    verdictOnly.push(performance.now() - started);
    if (!verdict.passed) throw new Error(`bench sequence failed liveness: ${verdict.failures.join(',')}`);
  });
  console.log(`${'(c) liveness verdict after the last frame'.padEnd(44)} p50 ${percentile(verdictOnly, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(verdictOnly, 95).toFixed(0).padStart(5)} ms`);

  for (const concurrency of [1, 2, 4]) {
    const perSecond = await throughput(concurrency, 16, async (i) => checkSelfie(engine, await decodeImage(selfies[i % selfies.length])));
    console.log(`selfie checks/s, one process, activity concurrency ${concurrency}: ${perSecond.toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
