/* Operator/script entry point: `npm run -s face -- check IMG`, `… match IMG_A IMG_B`, `… calibrate DIR`. */
import { readFile } from 'node:fs/promises';
import { BiometricsEngine } from './engine/biometrics-engine';
import { calibrate, evaluateAt, type LabelledDescriptor } from './calibration';
import { collectLabelledDescriptors } from './calibration-samples';
import { ImageRejectedError } from './errors';
import { isComparableFace, MATCH_THRESHOLD, matchFaces } from './face-match';
import { decodeImage } from './image-decoder';
import { checkSelfie } from './selfie-check';

const HELP = `Usage:
  npm run -s face -- check IMG            selfie check   → {"faces":N,"problems":[…]}
  npm run -s face -- match IMG_A IMG_B    face matching  → {"distance":D,"threshold":T,"match":bool}
  npm run -s face -- calibrate DIR        ROC over a fixture directory, e.g. fixtures/faces (see docs/biometrics.md)
  npm run -s face -- holdout DIR CROWDS   errors at the code's threshold on pairs involving faces from
                                          CROWDS (group photos not used for calibration) against DIR

Prints JSON on stdout. Exit codes: 0 done, 1 usage or internal error, 2 an image was rejected
(the JSON then has "error" and "code"). Environment: none.`;

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
  if (command === 'calibrate' && args.length === 1) {
    const samples = await collectLabelledDescriptors(engine, args[0]);
    const gated = calibrate(samples.filter((s) => isComparableFace(s)));
    print({ backend: await engine.backend(), ...calibrate(samples), gated: { ...gated, roc: gated.roc.filter((r) => r.threshold >= 0.44 && r.threshold <= 0.62) } });
    return 0;
  }
  if (command === 'holdout' && args.length === 2) {
    const known = await collectLabelledDescriptors(engine, args[0]);
    const crowds = (await collectLabelledDescriptors(engine, args[1], { allCrowds: true })).map((s) => ({ ...s, source: `holdout:${s.source}`, identity: `holdout:${s.identity}`, crowd: `holdout:${s.crowd}` }));
    const heldOut = (s: LabelledDescriptor) => s.source.startsWith('holdout:');
    const all = [...known, ...crowds];
    print({
      backend: await engine.backend(),
      heldOutFaces: crowds.length,
      allFaces: evaluateAt(all, MATCH_THRESHOLD, heldOut),
      comparableFaces: evaluateAt(all.filter((s) => isComparableFace(s)), MATCH_THRESHOLD, heldOut),
    });
    return 0;
  }
  process.stderr.write(HELP + '\n');
  return 1;
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
