/*
 * Old face engine (face-api SSD MobileNet v1 + 68 landmarks + 128-d descriptor, TF.js WASM) against
 * the new one (ONNX detector, landmarks, ArcFace-style embedding + aligned face-api descriptor):
 *   npm run -s ts bench/biometrics.bench.ts [iterations]
 * Prints ms per face per stage, the three-way match from raw images (p50/p95), the liveness verdict
 * over 30 frames, CPU seconds per onboarding, and FAR/FRR at each engine's operating point.
 * Wall time depends on what else runs on the shared 2-core machine, so the process's CPU time is
 * printed beside it, and the load average at the start and end.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  BiometricsEngine,
  FaceEnginePool,
  calibrate,
  collectLabelledFaces,
  comparable,
  decodeImage,
  evaluateAt,
  faceDistance,
  LivenessChallenge,
  matchThreeWay,
  matchThreeWayFaces,
  MATCH_THRESHOLD,
  verifyLivenessFrames,
  type DecodedImage,
  type LabelledFace,
} from '@app/biometrics';
import { loadTfRuntime, type TfRuntime } from '../libs/biometrics/src/engine/tf-runtime';
import { facesDir } from '@app/fixtures';
import { percentile } from './stats';

const iterations = Number(process.argv[2] ?? 10);
const file = (name: string) => readFileSync(path.join(facesDir(), `${name}.jpg`));
const demoDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

interface Timing {
  wall: number[];
  cpu: number[];
}

async function time(run: (i: number) => Promise<unknown>, n = iterations): Promise<Timing> {
  await run(0); // warm-up: first calls compile kernels and fill caches
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    await run(i);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function line(label: string, t: Timing): void {
  const ms = (v: number) => v.toFixed(0).padStart(6);
  console.log(`${label.padEnd(52)} wall p50 ${ms(percentile(t.wall, 50))}  p95 ${ms(percentile(t.wall, 95))} | cpu p50 ${ms(percentile(t.cpu, 50))}  p95 ${ms(percentile(t.cpu, 95))} ms  (n=${t.wall.length})`);
}

const median = (t: Timing) => percentile(t.cpu, 50);

/** The old engine's matching path, rebuilt from face-api's own pipeline (as libs/biometrics ran it before the ONNX engine). */
class LegacyEngine {
  private constructor(private readonly runtime: TfRuntime) {}

  static async load(): Promise<LegacyEngine> {
    const runtime = await loadTfRuntime();
    const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
    await runtime.faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
    await runtime.faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
    await runtime.faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
    await runtime.faceapi.nets.faceExpressionNet.loadFromDisk(dir);
    return new LegacyEngine(runtime);
  }

  private input(image: DecodedImage) {
    return this.runtime.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  }

  /** SSD boxes only. */
  async detect(image: DecodedImage) {
    const { faceapi } = this.runtime;
    const input = this.input(image);
    try {
      return await faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 10 }));
    } finally {
      input.dispose();
    }
  }

  /** SSD + 68 landmarks (+ descriptor, + expressions as the old selfie check and liveness frames ran). */
  async analyse(image: DecodedImage, stages: { descriptor: boolean; expressions?: boolean }) {
    const { faceapi } = this.runtime;
    const input = this.input(image);
    try {
      const landmarked = faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 10 })).withFaceLandmarks();
      if (!stages.descriptor) return await landmarked;
      return stages.expressions ? await landmarked.withFaceExpressions().withFaceDescriptors() : await landmarked.withFaceDescriptors();
    } finally {
      input.dispose();
    }
  }

  async descriptor(image: DecodedImage): Promise<Float32Array | undefined> {
    const faces = (await this.analyse(image, { descriptor: true })) as unknown as Array<{ descriptor: Float32Array; detection: { box: { area: number } } }>;
    return faces.sort((a, b) => b.detection.box.area - a.detection.box.area)[0]?.descriptor;
  }
}

/** 30 camera frames (640 px) of woman A: neutral, turned to her left, turned right (mirrored), smiling. */
async function livenessFrames(): Promise<Array<{ timestampMs: number; image: DecodedImage }>> {
  const small = async (bytes: Buffer) => decodeImage(await sharp(bytes).resize({ width: 640, height: 640, fit: 'inside' }).jpeg({ quality: 85 }).toBuffer());
  const [neutral, left, right, smile] = await Promise.all([file('stock-emotions-a-4'), file('stock-emotions-a-2'), await sharp(file('stock-emotions-a-2')).flop().toBuffer(), file('stock-emotions-a-7')].map(small));
  const sequence = [...Array(9).fill(neutral), ...Array(7).fill(left), ...Array(7).fill(right), ...Array(7).fill(smile)] as DecodedImage[];
  return sequence.map((image, i) => ({ timestampMs: 1_000 + i * 300, image }));
}

async function main(): Promise<void> {
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${iterations} warm iterations each`);
  const engine = BiometricsEngine.shared();
  const initStarted = performance.now();
  await engine.init();
  console.log(`new engine init (ONNX sha256 check + sessions, face-api descriptor + human anti-spoof on TF.js ${await engine.backend()}): ${(performance.now() - initStarted).toFixed(0)} ms`);
  const legacyStarted = performance.now();
  const legacy = await LegacyEngine.load();
  console.log(`old engine init: ${(performance.now() - legacyStarted).toFixed(0)} ms`);

  const faces = ['stock-emotions-a-1', 'stock-emotions-a-6', 'stock-teen-4', 'person-vlado'];
  const decoded = await Promise.all(faces.map((n) => decodeImage(file(n))));
  const pick = (i: number) => decoded[i % decoded.length];

  console.log('\n— ms per face (1024-px photos, one face each) —');
  const detections = await Promise.all(decoded.map((img) => engine.detect(img)));
  const landmarks = await Promise.all(decoded.map((img, i) => engine.landmarks(img, detections[i][0].box)));
  const perFace = {
    newDetect: await time((i) => engine.detect(pick(i))),
    newLandmarks: await time((i) => engine.landmarks(pick(i), detections[i % decoded.length][0].box)),
    newEmbed: await time((i) => engine.templates(pick(i), landmarks[i % decoded.length], { descriptor: false })),
    newBoth: await time((i) => engine.templates(pick(i), landmarks[i % decoded.length])),
    newFace: await time((i) => engine.analyse(pick(i), { descriptorOnly: true })),
    oldDetect: await time((i) => legacy.detect(pick(i))),
    oldLandmarks: await time((i) => legacy.analyse(pick(i), { descriptor: false })),
    oldFace: await time((i) => legacy.analyse(pick(i), { descriptor: true })),
  };
  line('new: detect (320×240 ONNX)', perFace.newDetect);
  line('new: 68 landmarks (64×64 ONNX)', perFace.newLandmarks);
  line('new: align + ArcFace embedding (112×112 ONNX)', perFace.newEmbed);
  line('new: align + embedding + aligned face-api descriptor', perFace.newBoth);
  line('new: whole face for matching (detect…both templates)', perFace.newFace);
  line('old: SSD detect (512×512 TF.js)', perFace.oldDetect);
  line('old: SSD + 68 landmarks', perFace.oldLandmarks);
  line('old: SSD + landmarks + 128-d descriptor', perFace.oldFace);

  console.log('\n— decoding an upload (1024×1280 JPEG with an embedded sRGB profile → 819×1024 RGB) —');
  const upload = file('stock-emotions-a-6');
  const decodeNow = await time(() => decodeImage(upload));
  // As decodeImage did before: always through the embedded profile (an identity for sRGB profiles).
  const decodeConverting = await time(() =>
    sharp(upload, { failOn: 'error', sequentialRead: true }).rotate().resize({ width: 1024, height: 1024, fit: 'inside', withoutEnlargement: true }).removeAlpha().toColourspace('srgb').raw().toBuffer(),
  );
  line('decodeImage (conversion skipped when it changes nothing)', decodeNow);
  line('always converting through the profile (before)', decodeConverting);

  console.log('\n— three-way match from three raw images (decode ×3 + analyse ×3 + decide) —');
  const [selfie, portrait, register] = ['stock-emotions-a-6', 'stock-emotions-a-3', 'stock-emotions-a-7'].map(file);
  const threeWayNew = await time(async () => {
    // Pending decodes: each face is analysed as soon as its image is decoded.
    const [s, d, r] = [selfie, portrait, register].map((bytes) => decodeImage(bytes));
    const result = await matchThreeWay(engine, { selfie: s, documentPortrait: d, registerPhoto: r });
    if (!result.match) throw new Error('bench three-way pair did not match');
  });
  const threeWayOld = await time(async () => {
    const [s, d, r] = await Promise.all([selfie, portrait, register].map((bytes) => decodeImage(bytes)));
    const [a, b, c] = [await legacy.descriptor(s), await legacy.descriptor(d), await legacy.descriptor(r)];
    return [faceDistance(a!, b!), faceDistance(a!, c!), faceDistance(b!, c!)].every((x) => x <= 0.54);
  });
  const pool = new FaceEnginePool();
  await pool.init();
  const threeWayPool = await time(async () => {
    const [s, d, r] = [selfie, portrait, register].map((bytes) => decodeImage(bytes));
    const result = await matchThreeWay(pool, { selfie: s, documentPortrait: d, registerPhoto: r });
    if (!result.match) throw new Error('bench three-way pair did not match');
  });
  line('new engine, one thread (as before)', threeWayNew);
  line(`new engine on a pool of ${pool.threads} threads (the worker's)`, threeWayPool);
  line('old engine', threeWayOld);
  const storedSelfie = comparable((await engine.analyse(await decodeImage(selfie), { descriptorOnly: true })).faces[0]);
  const storedPortrait = comparable((await engine.analyse(await decodeImage(portrait), { descriptorOnly: true })).faces[0]);
  const threeWayStored = await time(async () =>
    matchThreeWayFaces({ selfie: storedSelfie, documentPortrait: storedPortrait, registerPhoto: comparable((await engine.analyse(await decodeImage(register), { descriptorOnly: true })).faces[0]) }),
  );
  line('new engine, selfie + portrait stored (the activity path)', threeWayStored);

  console.log('\n— liveness: verdict over 30 decoded frames (640 px), challenges turn left, turn right, smile —');
  const frames = await livenessFrames();
  const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile];
  const livenessNew = await time(async () => {
    const verdict = await verifyLivenessFrames(engine, challenges, frames);
    if (!verdict.passed) throw new Error(`bench sequence failed liveness: ${verdict.failures.join(',')}`);
  });
  const livenessNoSmile = await time(async () => verifyLivenessFrames(engine, [LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight], frames));
  const livenessPool = await time(async () => {
    const verdict = await verifyLivenessFrames(pool, challenges, frames);
    if (!verdict.passed) throw new Error(`bench sequence failed liveness on the pool: ${verdict.failures.join(',')}`);
  });
  line('new engine, one thread (as before: pose, eyes, smile per frame; 4–5 embeddings)', livenessNew);
  line(`new engine on a pool of ${pool.threads} threads (the worker's)`, livenessPool);
  line('new engine, no smile challenge (no expression net)', livenessNoSmile);
  const livenessOld = await time(async () => {
    for (const f of frames) await legacy.analyse(f.image, { descriptor: true, expressions: true });
  }, Math.min(iterations, 3));
  line('old engine (SSD + landmarks + expressions + descriptor per frame)', livenessOld);

  console.log('\n— CPU seconds per onboarding (selfie check, document portrait, register photo, stored three-way, 30-frame liveness) —');
  // The checkSelfie activity analyses once: quality, eyes and the main face's templates (stored for the match).
  const selfieCheck = await time((i) => engine.analyse(pick(i), { templates: 'main' }));
  const portraitFace = perFace.newFace;
  const newCpu = (median(selfieCheck) + 2 * median(portraitFace) + median(livenessNew)) / 1000;
  const oldSelfie = await time((i) => legacy.analyse(pick(i), { descriptor: true, expressions: true }));
  const oldCpu = (median(oldSelfie) + 2 * median(perFace.oldFace) + median(livenessOld)) / 1000;
  console.log(`new engine: ${newCpu.toFixed(2)} s   (selfie check with templates ${median(selfieCheck).toFixed(0)} + 2 portraits ${(2 * median(portraitFace)).toFixed(0)} + liveness ${median(livenessNew).toFixed(0)} ms CPU)`);
  console.log(`old engine: ${oldCpu.toFixed(2)} s   (selfie ${median(oldSelfie).toFixed(0)} + 2 portraits ${(2 * median(perFace.oldFace)).toFixed(0)} + 30 frames ${median(livenessOld).toFixed(0)} ms CPU; the old eye mesh not counted)`);

  console.log('\n— FAR / FRR at each engine’s operating point (fixtures + face-api demo crowds sample1–6) —');
  const fixtures = await collectLabelledFaces(engine, facesDir());
  const crowds = (await collectLabelledFaces(engine, demoDir, { allCrowds: true, only: /^sample\d\.jpg$/ })).map((s) => ({ ...s, source: `crowd:${s.source}`, identity: `crowd:${s.identity}`, crowd: `crowd:${s.crowd}` }));
  const all: LabelledFace[] = [...fixtures, ...crowds];
  const point = evaluateAt(all, MATCH_THRESHOLD);
  const cal = calibrate(all);
  console.log(
    `new (fused ≥ ${MATCH_THRESHOLD}): FAR ${point.falseAccepts}/${point.impostorPairs} (95 % bound ${(point.farUpperBound95 * 100).toFixed(2)} %), FRR ${point.falseRejects}/${point.genuinePairs} = ${((point.falseRejects / point.genuinePairs) * 100).toFixed(1)} %, moderator reviews ${point.reviews}; recomputed threshold ${cal.chosenThreshold}`,
  );
  const oldFaces = await legacyLabelledFaces(legacy, fixtures);
  const oldGenuine = oldFaces.pairs.filter((p) => p.same);
  const oldImpostor = oldFaces.pairs.filter((p) => !p.same);
  console.log(
    `old (distance ≤ 0.54, fixtures only, no pose gate): FAR ${oldImpostor.filter((p) => p.distance <= 0.54).length}/${oldImpostor.length}, FRR ${oldGenuine.filter((p) => p.distance > 0.54).length}/${oldGenuine.length} = ${((oldGenuine.filter((p) => p.distance > 0.54).length / oldGenuine.length) * 100).toFixed(1)} % (faces not found: ${oldFaces.missing})`,
  );
  console.log(`\nload average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

/** The old engine's descriptor of every single-person fixture (crowds left out: its detector differs). */
async function legacyLabelledFaces(legacy: LegacyEngine, fixtures: LabelledFace[]) {
  const single = fixtures.filter((s) => !s.source.includes('#'));
  const seen: Array<{ identity: string; descriptor: Float32Array }> = [];
  let missing = 0;
  for (const s of single) {
    const descriptor = await legacy.descriptor(await decodeImage(file(s.source.replace(/\.jpg$/, ''))));
    if (descriptor) seen.push({ identity: s.identity, descriptor });
    else missing++;
  }
  const pairs: Array<{ same: boolean; distance: number }> = [];
  for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) pairs.push({ same: seen[i].identity === seen[j].identity, distance: faceDistance(seen[i].descriptor, seen[j].descriptor) });
  return { pairs, missing };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
