/* Operator/script entry point: `npm run -s face -- check IMG`, `… match IMG_A IMG_B`, `… calibrate DIR`, `… evaluate DIR`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { calibrate, evaluateAt, type LabelledFace } from './calibration';
import { collectLabelledFaces, evaluationIdentity, imageFiles } from './calibration-samples';
import { BiometricsEngine } from './engine/biometrics-engine';
import { ImageRejectedError } from './errors';
import { comparable, compareFaces, mainFace, MATCH_THRESHOLD, matchFaces, type ComparableFace } from './face-match';
import { decodeImage } from './image-decoder';
import { SPOOF_PROXIES } from './passive-evaluation';
import { checkSelfie } from './selfie-check';

const HELP = `Usage:
  npm run -s face -- check IMG              selfie check   → {"faces":N,"problems":[…]}
  npm run -s face -- match IMG_A IMG_B      face matching  → {"score":S,"threshold":T,"match":bool,"decision":…}
  npm run -s face -- evaluate DIR           the product's decision for every pair of images in DIR (identity =
                                            file name without extension and trailing digits; group-* photos are
                                            each their own person); last line: {"images","facesFound",
                                            "genuinePairs","falseRejects","impostorPairs","falseAccepts","threshold"}
  npm run -s face -- calibrate DIR [CROWDS…] ROC of the fused score over DIR's labelled photos plus every face of
                                            the crowd photos CROWDS (files or directories; each face a distinct
                                            stranger), and the threshold
                                            for at most 0.1 % false accepts (see docs/biometrics.md)
  npm run -s face -- passive DIR            passive anti-spoof scores (human's antispoof and liveness, fr_liveness.onnx)
                                            of every single-person photo in DIR and of its print/screen stand-ins
  npm run -s face -- holdout DIR CROWDS     errors at the code's threshold on pairs involving faces from CROWDS
                                            (group photos not used for calibration) against DIR

Prints JSON on stdout (evaluate lists its errors on stderr). Exit codes: 0 done, 1 usage or internal error
(a missing or altered model file is named), 2 an image was rejected (the JSON then has "error" and "code").
Environment: none. Models load once per run from libs/biometrics/models; nothing is downloaded.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(HELP + '\n');
    return command ? 0 : 1;
  }
  const engine = BiometricsEngine.shared();
  const load = async (file: string) => decodeImage(await readFile(file));
  if (command === 'check' && args.length === 1) {
    const result = await checkSelfie(engine, await load(args[0]));
    print({ faces: result.faces, problems: result.problems, face: result.face });
    return 0;
  }
  if (command === 'match' && args.length === 2) {
    print(await matchFaces(engine, await load(args[0]), await load(args[1])));
    return 0;
  }
  if (command === 'evaluate' && args.length === 1) {
    await engine.init();
    print(await evaluateDirectory(engine, args[0]));
    return 0;
  }
  if (command === 'calibrate' && args.length >= 1) {
    const samples = [...(await collectLabelledFaces(engine, args[0])), ...(await crowdFaces(engine, args.slice(1)))];
    const calibration = calibrate(samples);
    const fixturesOnly = calibrate(samples.filter((s) => !s.source.startsWith('crowd:')));
    print({
      backend: await engine.backend(),
      faces: samples.length,
      ...calibration,
      roc: calibration.roc.filter((r) => r.threshold >= 1.5 && r.threshold <= 4.5 && Math.round(r.threshold * 100) % 10 === 0),
      decisions: evaluateAt(samples, calibration.chosenThreshold),
      fixturesOnly: { genuinePairs: fixturesOnly.genuinePairs, impostorPairs: fixturesOnly.impostorPairs, chosenThreshold: fixturesOnly.chosenThreshold, decisionsAtCodeThreshold: evaluateAt(samples.filter((s) => !s.source.startsWith('crowd:')), MATCH_THRESHOLD) },
    });
    return 0;
  }
  if (command === 'passive' && args.length === 1) {
    print(await passiveScores(engine, args[0]));
    return 0;
  }
  if (command === 'holdout' && args.length === 2) {
    const known = await collectLabelledFaces(engine, args[0]);
    const crowds = await crowdFaces(engine, [args[1]]);
    const heldOut = (s: LabelledFace) => s.source.startsWith('crowd:');
    print({ backend: await engine.backend(), heldOutFaces: crowds.length, decisions: evaluateAt([...known, ...crowds], MATCH_THRESHOLD, heldOut) });
    return 0;
  }
  process.stderr.write(HELP + '\n');
  return 1;
}

/**
 * Every face of the crowd photos named (files, or directories of them), each its own stranger;
 * sources and identities are prefixed `crowd:`. Name files, not a whole directory, where a
 * directory also holds other pictures (face-api's demo/ has screenshots showing a fixture person).
 */
async function crowdFaces(engine: BiometricsEngine, paths: string[]): Promise<LabelledFace[]> {
  const out: LabelledFace[] = [];
  for (const given of paths) {
    const isFile = /\.(jpe?g|png|webp)$/i.test(given);
    const dir = isFile ? path.dirname(given) : given;
    const only = isFile ? new RegExp(`^${path.basename(given).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : undefined;
    const faces = await collectLabelledFaces(engine, dir, { allCrowds: true, only });
    out.push(...faces.map((s) => ({ ...s, source: `crowd:${s.source}`, identity: `crowd:${s.identity}`, crowd: `crowd:${s.crowd}` })));
  }
  return out;
}

/**
 * The product's decision for every pair of images in a directory, exactly as the three-way match
 * makes it: each image decoded as an upload, its largest face analysed, `compareFaces` at the code's
 * threshold. A pair with a face not found counts as a false reject (genuine) or a correct reject.
 */
async function evaluateDirectory(engine: BiometricsEngine, dir: string) {
  const files = await imageFiles(dir);
  const faces: Array<{ file: string; identity: string; face: ComparableFace | undefined }> = [];
  for (const file of files) {
    const image = await decodeImage(await readFile(path.join(dir, file)));
    faces.push({ file, identity: evaluationIdentity(file), face: comparable(await mainFace(engine, image)) });
  }
  let genuinePairs = 0;
  let falseRejects = 0;
  let impostorPairs = 0;
  let falseAccepts = 0;
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      const [a, b] = [faces[i], faces[j]];
      const result = compareFaces(a.face, b.face, MATCH_THRESHOLD);
      const why = `${a.file} ~ ${b.file}: ${result.decision}${result.score === null ? ' (no face)' : ` score ${result.score.toFixed(2)} / ${result.threshold.toFixed(2)}`}${result.cautions.length ? ` ${result.cautions.join(',')}` : ''}`;
      if (a.identity === b.identity) {
        genuinePairs++;
        if (!result.match) {
          falseRejects++;
          process.stderr.write(`false reject  ${why}\n`);
        }
      } else {
        impostorPairs++;
        if (result.match) {
          falseAccepts++;
          process.stderr.write(`false accept  ${why}\n`);
        }
      }
    }
  }
  return { images: files.length, facesFound: faces.filter((f) => f.face).length, genuinePairs, falseRejects, impostorPairs, falseAccepts, threshold: MATCH_THRESHOLD };
}

/** Passive scores of the main face of every single-person photo in `dir`, as taken and through each spoof stand-in. */
async function passiveScores(engine: BiometricsEngine, dir: string) {
  const kinds = { real: async (b: Buffer) => b, ...SPOOF_PROXIES };
  const rows: Array<Record<string, unknown>> = [];
  for (const file of (await imageFiles(dir)).filter((f) => !f.startsWith('group-'))) {
    const photo = await readFile(path.join(dir, file));
    const row: Record<string, unknown> = { file };
    for (const [kind, make] of Object.entries(kinds)) {
      const image = await decodeImage(await make(photo));
      const face = (await engine.analyse(image, { templates: 'none' })).faces[0];
      row[kind] = face ? await engine.passiveLiveness(image, face) : null;
    }
    rows.push(row);
  }
  return rows;
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ImageRejectedError) {
      print({ error: error.message, code: error.code });
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
