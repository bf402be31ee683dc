import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledDescriptor } from './calibration';
import type { BiometricsEngine } from './engine/biometrics-engine';
import { decodeImage } from './image-decoder';

/**
 * Who a fixture photo shows, from its file name: `stock-emotions-a-3.jpg` → `stock-emotions-a`,
 * `person-vlado5.jpg` → `person-vlado`. Photos named `group-*` are crowds: each face there is its
 * own identity (returns undefined; the caller numbers the faces).
 */
export function fixtureIdentity(fileName: string): string | undefined {
  const stem = path.basename(fileName).replace(/\.[a-z]+$/i, '');
  if (stem.startsWith('group-')) return undefined;
  return stem.replace(/-?\d+$/, '');
}

/**
 * People of the single-person fixtures who also appear in the crowd photos, found by eye
 * (face centre as a share of width/height). They are genuine pairs, not impostors.
 */
export const CROWD_FACE_LABELS: ReadonlyArray<{ file: string; cx: number; cy: number; identity: string }> = [
  { file: 'group-1.jpg', cx: 0.32, cy: 0.28, identity: 'person-vlado' },
  { file: 'group-2.jpg', cx: 0.5, cy: 0.14, identity: 'person-vlado' },
];

/**
 * Descriptors of every face photo in a directory, labelled for calibration. Group photos are
 * decoded at 2048 px so their small faces are found; single-person photos give their main face.
 */
export async function collectLabelledDescriptors(engine: BiometricsEngine, dir: string, options: { allCrowds?: boolean; only?: RegExp } = {}): Promise<LabelledDescriptor[]> {
  const files = (await readdir(dir)).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && (options.only?.test(f) ?? true)).sort();
  const samples: LabelledDescriptor[] = [];
  for (const file of files) {
    // allCrowds: every photo is a crowd of strangers (held-out group photos).
    const identity = options.allCrowds ? undefined : fixtureIdentity(file);
    const image = await decodeImage(await readFile(path.join(dir, file)), { analysisMaxSide: identity ? 1024 : 2048 });
    const { faces } = await engine.analyse(image, { maxFaces: identity ? 10 : 50, descriptorOnly: true });
    if (identity) {
      if (faces[0]) samples.push({ identity, source: file, descriptor: faces[0].descriptor, pose: faces[0].pose, widthPx: faces[0].box.width });
    } else {
      faces.forEach((face, i) => {
        const cx = (face.box.x + face.box.width / 2) / image.width;
        const cy = (face.box.y + face.box.height / 2) / image.height;
        const label = CROWD_FACE_LABELS.find((l) => l.file === file && Math.hypot(l.cx - cx, l.cy - cy) < 0.03);
        const source = `${file}#${i}`;
        const seen = { descriptor: face.descriptor, pose: face.pose, widthPx: face.box.width };
        samples.push(label ? { identity: label.identity, source, ...seen } : { identity: source, source, ...seen, crowd: file });
      });
    }
  }
  return samples;
}
