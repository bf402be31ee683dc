/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import path from 'node:path';
import sharp from 'sharp';
import {
  BiometricsEngine,
  calibrate,
  collectLabelledFaces,
  compareFaces,
  comparable,
  decodeImage,
  evaluateAt,
  FUSION_NORMALISATION,
  MatchCaution,
  MATCH_THRESHOLD,
  matchFaces,
  matchThreeWay,
  needsDescriptors,
  pairScores,
  STRICT_MARGIN,
  type LabelledFace,
} from '@app/biometrics';
import { facesDir } from '@app/fixtures';
import { fixture } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

const engine = BiometricsEngine.shared();
const load = async (name: string) => decodeImage(fixture(name));
const demoCrowds = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

describe('face matching on the fixture photos', () => {
  let fixtures: LabelledFace[];
  let crowds: LabelledFace[];

  beforeAll(async () => {
    fixtures = await collectLabelledFaces(engine, facesDir());
    crowds = (await collectLabelledFaces(engine, demoCrowds, { allCrowds: true, only: /^sample\d\.jpg$/ })).map((s) => ({ ...s, source: `crowd:${s.source}`, identity: `crowd:${s.identity}`, crowd: `crowd:${s.crowd}` }));
  }, 180_000);

  it('recomputes the calibration over fixtures and crowds and lands on the threshold and normalisation the code uses', () => {
    const calibration = calibrate([...fixtures, ...crowds]);
    expect(calibration.genuinePairs).toBeGreaterThanOrEqual(70);
    expect(calibration.impostorPairs).toBeGreaterThanOrEqual(1000);
    expect(calibration.chosenThreshold).toBeCloseTo(MATCH_THRESHOLD, 2);
    expect(calibration.impostorStats.similarityMean).toBeCloseTo(FUSION_NORMALISATION.embedding.impostorMean, 2);
    expect(calibration.impostorStats.distanceMean).toBeCloseTo(FUSION_NORMALISATION.descriptor.impostorMean, 2);
  });

  it('at the operating point accepts at most 0.1 % of impostors and rejects at most 5 % of genuine pairs', () => {
    const point = evaluateAt([...fixtures, ...crowds], MATCH_THRESHOLD);
    expect(point.falseAccepts / point.impostorPairs).toBeLessThanOrEqual(0.001);
    expect(point.falseRejects / point.genuinePairs).toBeLessThanOrEqual(0.05);
    const { impostor } = pairScores([...fixtures, ...crowds]);
    expect(impostor.filter((p) => p.score >= MATCH_THRESHOLD).length).toBeLessThanOrEqual(Math.floor(impostor.length * 0.001));
  });

  it('decides every labelled pair the same with the ArcFace-first cascade as with the full fusion', () => {
    const all = [...fixtures, ...crowds];
    const differing: string[] = [];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (compareFaces(all[i], all[j]).match !== compareFaces(all[i], all[j], MATCH_THRESHOLD, { cascade: false }).match) differing.push(`${all[i].source}~${all[j].source}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('accepts the genuine pair person-vlado / person-vlado1 and rejects person-vlado against every other person', async () => {
    const vlado = comparable((await engine.analyse(await load('person-vlado'), { descriptorOnly: true })).faces[0]);
    const vlado1 = comparable((await engine.analyse(await load('person-vlado1'), { descriptorOnly: true })).faces[0]);
    const same = compareFaces(vlado, vlado1);
    expect(same).toMatchObject({ comparable: true, match: true, decision: 'match' });
    for (const other of fixtures.filter((s) => s.identity !== 'person-vlado')) {
      const result = compareFaces(vlado, other);
      expect({ other: other.source, match: result.match }).toEqual({ other: other.source, match: false });
    }
  });

  it('accepts the genuine pairs of frontal photos of the same person', async () => {
    for (const [a, b] of [
      ['stock-emotions-a-1', 'stock-emotions-a-3'],
      ['stock-emotions-a-6', 'stock-emotions-a-7'],
      ['stock-teen-1', 'stock-teen-4'],
    ]) {
      const result = await matchFaces(engine, await load(a), await load(b));
      expect({ pair: `${a}~${b}`, match: result.match }).toEqual({ pair: `${a}~${b}`, match: true });
      expect(result.score).toBeGreaterThanOrEqual(result.threshold);
    }
  });

  it('rejects two different people', async () => {
    const result = await matchFaces(engine, await load('stock-emotions-a-1'), await load('stock-teen-4'));
    expect(result).toMatchObject({ match: false, decision: 'no_match' });
    expect(result.score).toBeLessThan(MATCH_THRESHOLD);
  });
});

describe(compareFaces.name, () => {
  // Templates that give a chosen fused score: embedding cosine and descriptor distance set directly.
  const face = (similarity: number, distance: number, pose = { yaw: 0, pitch: 0, roll: 0 }, widthPx = 200) => [
    { descriptor: [0], embedding: [1, 0], templateVersion: 2, pose: { yaw: 0, pitch: 0, roll: 0 }, widthPx: 200 },
    { descriptor: [distance], embedding: [similarity, Math.sqrt(1 - similarity * similarity)], templateVersion: 2, pose, widthPx },
  ] as const;
  // Fused score 0.5·(s−μe)/σe + 0.5·(μd−d)/σd; pick similarity so it lands on a target.
  const withScore = (score: number, pose?: { yaw: number; pitch: number; roll: number }, widthPx?: number) => {
    const { embedding: e, descriptor: d } = FUSION_NORMALISATION;
    const distance = d.impostorMean - score * d.impostorSd;
    return face(e.impostorMean + score * e.impostorSd, distance, pose, widthPx);
  };

  it('matches a frontal pair at the threshold and refuses it just below', () => {
    expect(compareFaces(...withScore(MATCH_THRESHOLD + 0.01))).toMatchObject({ match: true, decision: 'match', cautions: [] });
    expect(compareFaces(...withScore(MATCH_THRESHOLD - 0.01))).toMatchObject({ match: false, decision: 'no_match' });
  });

  it('asks more of a turned face and sends the in-between score to a moderator with the reason', () => {
    const turned = { yaw: 50, pitch: 0, roll: 0 };
    expect(compareFaces(...withScore(MATCH_THRESHOLD + STRICT_MARGIN + 0.01, turned))).toMatchObject({ match: true, decision: 'match', cautions: [MatchCaution.HeadTurned] });
    expect(compareFaces(...withScore(MATCH_THRESHOLD + 0.1, turned))).toMatchObject({ match: false, decision: 'review', cautions: [MatchCaution.HeadTurned], threshold: MATCH_THRESHOLD + STRICT_MARGIN });
    expect(compareFaces(...withScore(MATCH_THRESHOLD - 0.5, turned))).toMatchObject({ match: false, decision: 'no_match' });
  });

  it('never compares a profile or a tiny face automatically, and says why', () => {
    expect(compareFaces(...withScore(6, { yaw: 70, pitch: 0, roll: 0 }))).toMatchObject({ comparable: false, match: false, decision: 'review', cautions: [MatchCaution.Profile] });
    expect(compareFaces(...withScore(6, undefined, 30))).toMatchObject({ comparable: false, match: false, decision: 'review', cautions: [MatchCaution.FaceTiny] });
    expect(compareFaces(...withScore(MATCH_THRESHOLD + 0.1, undefined, 50))).toMatchObject({ decision: 'review', cautions: [MatchCaution.FaceSmall] });
  });

  it('lets a clear ArcFace similarity decide a frontal pair without descriptors, and needs them in between', () => {
    const [a, b] = face(0.8, 0);
    const [c, d] = face(0.3, 0);
    expect(compareFaces({ ...a, descriptor: [] }, { ...b, descriptor: [] })).toMatchObject({ match: true, decidedBy: 'embedding', score: null });
    expect(compareFaces({ ...a, descriptor: [] }, { ...face(0.05, 0)[1], descriptor: [] })).toMatchObject({ match: false, decision: 'no_match', decidedBy: 'embedding' });
    expect(needsDescriptors(c, d)).toBe(true);
    expect(needsDescriptors(a, b)).toBe(false);
    expect(() => compareFaces({ ...c, descriptor: [] }, { ...d, descriptor: [] })).toThrow(/descriptors/);
  });

  it('treats a face without current templates as missing', () => {
    expect(compareFaces({ descriptor: [0.1] }, withScore(5)[1])).toMatchObject({ score: null, match: false, decision: 'no_match' });
  });
});

describe(matchThreeWay.name, () => {
  /** A document portrait: the face cut out tight and grey-scaled a little, as printed on an ID card. */
  async function documentPortrait(name: string) {
    const image = await load(name);
    const face = (await engine.analyse(image, { templates: 'none' })).faces[0];
    const pad = face.box.width * 0.1;
    const left = Math.max(0, Math.round(face.box.x - pad));
    const top = Math.max(0, Math.round(face.box.y - pad * 2));
    const crop = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
      .extract({ left, top, width: Math.min(image.width - left, Math.round(face.box.width + 2 * pad)), height: Math.min(image.height - top, Math.round(face.box.height + 3 * pad)) })
      .resize({ width: 300 })
      .modulate({ saturation: 0.6 })
      .jpeg({ quality: 80 })
      .toBuffer();
    return decodeImage(crop);
  }

  it('matches selfie, document portrait and register photo of one person', async () => {
    const result = await matchThreeWay(engine, { selfie: await load('stock-emotions-a-6'), documentPortrait: await documentPortrait('stock-emotions-a-3'), registerPhoto: await load('stock-emotions-a-7') });
    expect(result.missingFaces).toEqual([]);
    expect(Object.values(result.pairs).map((p) => p.comparable)).toEqual([true, true, true]);
    expect(result).toMatchObject({ match: true, decision: 'match' });
  });

  it('refuses when the register photo shows someone else', async () => {
    const result = await matchThreeWay(engine, { selfie: await load('stock-emotions-a-6'), documentPortrait: await documentPortrait('stock-emotions-a-3'), registerPhoto: await load('stock-emotions-b-6') });
    expect(result).toMatchObject({ match: false, decision: 'no_match' });
    expect(result.pairs.selfieDocument.match).toBe(true);
    expect(result.pairs.selfieRegister.match).toBe(false);
  });

  it('says which image has no face', async () => {
    const blank = await decodeImage(await sharp({ create: { width: 400, height: 400, channels: 3, background: '#556677' } }).jpeg().toBuffer());
    const result = await matchThreeWay(engine, { selfie: await load('stock-emotions-a-6'), documentPortrait: blank, registerPhoto: await load('stock-emotions-a-7') });
    expect(result).toMatchObject({ match: false, decision: 'no_match', missingFaces: ['documentPortrait'] });
  });
});
