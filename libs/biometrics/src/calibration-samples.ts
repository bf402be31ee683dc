import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledFace } from './calibration';
import type { BiometricsEngine } from './engine/biometrics-engine';
import { comparable } from './face-match';
import { decodeImage } from './image-decoder';

/**
 * Who a photo shows, from its file name: the name without extension and trailing digits
 * (`anna3.jpg` → `anna`, `stock-emotions-a-3.jpg` → `stock-emotions-a`, `person-vlado5.jpg` →
 * `person-vlado`). Photos named `group-*` are crowds: each face there is its own identity
 * (returns undefined; the caller numbers the faces).
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

/** Image files of a directory, sorted. */
export async function imageFiles(dir: string, only?: RegExp): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && (only?.test(f) ?? true)).sort();
}

/**
 * Faces of every photo in a directory, labelled for calibration. Group photos are decoded at
 * 2048 px so their small faces keep detail; single-person photos give their main face.
 */
export async function collectLabelledFaces(engine: Pick<BiometricsEngine, 'analyse'>, dir: string, options: { allCrowds?: boolean; only?: RegExp } = {}): Promise<LabelledFace[]> {
  const samples: LabelledFace[] = [];
  for (const file of await imageFiles(dir, options.only)) {
    // allCrowds: every photo is a crowd of strangers (held-out group photos).
    const identity = options.allCrowds ? undefined : fixtureIdentity(file);
    const image = await decodeImage(await readFile(path.join(dir, file)), { analysisMaxSide: identity ? 1024 : 2048 });
    const { faces } = await engine.analyse(image, { maxFaces: identity ? 10 : 50, descriptorOnly: true, templates: identity ? 'main' : 'all' });
    if (identity) {
      const face = comparable(faces[0]);
      if (face) samples.push({ identity, source: file, ...face });
    } else {
      faces.forEach((detected, i) => {
        const cx = (detected.box.x + detected.box.width / 2) / image.width;
        const cy = (detected.box.y + detected.box.height / 2) / image.height;
        const label = CROWD_FACE_LABELS.find((l) => l.file === file && Math.hypot(l.cx - cx, l.cy - cy) < 0.03);
        const source = `${file}#${i}`;
        const face = comparable(detected)!;
        samples.push(label ? { identity: label.identity, source, ...face } : { identity: source, source, ...face, crowd: file });
      });
    }
  }
  return samples;
}

/** The identity `evaluate` reads from a file name: without extension and trailing digits; each `group-*` photo its own. */
export function evaluationIdentity(file: string): string {
  const stem = path.basename(file).replace(/\.[a-z]+$/i, '');
  return stem.startsWith('group-') ? stem : stem.replace(/\d+$/, '').replace(/-$/, '');
}
