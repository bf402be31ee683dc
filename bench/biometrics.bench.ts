/*
 * Latency (warm) of the biometrics checks on this machine, and throughput per worker layout:
 *   npm run -s ts bench/biometrics.bench.ts [iterations]
 * Wall time depends on what else runs on the shared 2-core machine, so CPU time of this process is
 * printed too (the WASM backend is single-threaded in Node: CPU ms ≈ wall ms on an idle core).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { BiometricsEngine, checkSelfie, comparable, decodeImage, LivenessChallenge, LivenessSessions, matchThreeWay, matchThreeWayFaces } from '@app/biometrics';
import { facePath } from '@app/fixtures';

const iterations = process.argv.includes('--child') ? 0 : Number(process.argv[2] ?? 15);
const file = (name: string) => readFileSync(facePath(name));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  await run(0); // warm-up: first calls compile WASM kernels
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    await run(i);
    const used = process.cpuUsage(usage);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const ms = (v: number) => v.toFixed(0).padStart(5);
  console.log(`${label.padEnd(44)} wall p50 ${ms(percentile(wall, 50))} ms  p95 ${ms(percentile(wall, 95))} ms | cpu p50 ${ms(percentile(cpu, 50))} ms  p95 ${ms(percentile(cpu, 95))} ms  (n=${iterations})`);
}

/** Child mode: `--child N` runs N selfie checks after warm-up and reports when it finished. */
async function child(jobs: number): Promise<void> {
  const engine = BiometricsEngine.shared();
  await engine.init();
  const selfie = file('stock-emotions-a-1');
  await checkSelfie(engine, await decodeImage(selfie));
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (let i = 0; i < jobs; i++) await checkSelfie(engine, await decodeImage(selfie));
  process.send?.({ done: true });
}

/** Selfie checks per second with `processes` worker processes running side by side. */
async function multiProcessThroughput(processes: number, jobsEach: number): Promise<number> {
  const children = Array.from({ length: processes }, () => fork(__filename, ['--child', String(jobsEach)], { execArgv: ['-r', '@swc-node/register'] }));
  await Promise.all(children.map((c) => new Promise((resolve) => c.once('message', resolve))));
  const started = performance.now();
  const done = children.map((c) => new Promise((resolve) => c.once('message', resolve)));
  for (const c of children) c.send('go');
  await Promise.all(done);
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.kill();
  return (processes * jobsEach) / seconds;
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
  await measure('(b) three-way match (decode ×3 + match)', async () => {
    const [s, d, r] = await Promise.all([selfie, portrait, register].map((bytes) => decodeImage(bytes)));
    return matchThreeWay(engine, { selfie: s, documentPortrait: d, registerPhoto: r });
  });

  // The activities store each face when its image is checked (selfie check, document step), so at
  // match time only the register photo is analysed.
  const storedSelfie = comparable((await engine.analyse(await decodeImage(selfie), { descriptorOnly: true })).faces[0]);
  const storedPortrait = comparable((await engine.analyse(await decodeImage(portrait), { descriptorOnly: true })).faces[0]);
  await measure('(b′) three-way match, selfie+portrait stored', async () =>
    matchThreeWayFaces({ selfie: storedSelfie, documentPortrait: storedPortrait, registerPhoto: comparable((await engine.analyse(await decodeImage(register), { descriptorOnly: true })).faces[0]) }),
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

  for (const concurrency of [1, 2]) {
    const perSecond = await throughput(concurrency, 12, async (i) => checkSelfie(engine, await decodeImage(selfies[i % selfies.length])));
    console.log(`selfie checks/s, 1 process, activity concurrency ${concurrency}: ${perSecond.toFixed(2)}`);
  }
  for (const processes of [1, 2]) {
    console.log(`selfie checks/s, ${processes} worker process(es), concurrency 1 each: ${(await multiProcessThroughput(processes, 8)).toFixed(2)}`);
  }
}

const childAt = process.argv.indexOf('--child');
(childAt >= 0 ? child(Number(process.argv[childAt + 1])) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
