/* Operator/script entry point: `npm run -s face -- check IMG`, `… match IMG_A IMG_B`, `… calibrate DIR`. */
import { readFile } from 'node:fs/promises';
import { BiometricsEngine } from './engine/biometrics-engine';
import { calibrate } from './calibration';
import { collectLabelledDescriptors } from './calibration-samples';
import { ImageRejectedError } from './errors';
import { matchFaces } from './face-match';
import { decodeImage } from './image-decoder';
import { checkSelfie } from './selfie-check';

const HELP = `Usage:
  npm run -s face -- check IMG            selfie check   → {"faces":N,"problems":[…]}
  npm run -s face -- match IMG_A IMG_B    face matching  → {"distance":D,"threshold":T,"match":bool}
  npm run -s face -- calibrate DIR        ROC over a fixture directory (see docs/biometrics.md)

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
    const result = calibrate(await collectLabelledDescriptors(engine, args[0]));
    print({ backend: await engine.backend(), ...result });
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
