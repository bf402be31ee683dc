import { faceDistance } from './face-match';

/** A face descriptor with the identity it belongs to (from the fixture's file name or photo). */
export interface LabelledDescriptor {
  readonly identity: string;
  readonly source: string;
  readonly descriptor: ArrayLike<number>;
  /**
   * Set for unlabelled faces from a crowd photo: they are surely distinct from each other and from
   * the labelled people, but two crowd photos may show the same stranger, so pairs across crowds are skipped.
   */
  readonly crowd?: string;
  /** Pose and size of the face, for the comparability gate (see `isComparableFace`). */
  readonly pose?: { yaw: number; pitch: number; roll: number };
  readonly widthPx?: number;
}

export interface RocRow {
  readonly threshold: number;
  readonly falseAccepts: number;
  readonly falseAcceptRate: number;
  readonly falseRejects: number;
  readonly falseRejectRate: number;
}

export interface Calibration {
  readonly genuinePairs: number;
  readonly impostorPairs: number;
  readonly genuineMaxDistance: number;
  readonly impostorMinDistance: number;
  readonly roc: RocRow[];
  /** Largest grid threshold whose false-accept rate stays within the target. */
  readonly chosenThreshold: number;
  readonly targetFalseAcceptRate: number;
  /** The closest impostor pair, to show what the margin is. */
  readonly closestImpostors: { a: string; b: string; distance: number };
}

/** Distances of all genuine (same identity) and impostor (different identities) pairs. */
export function pairDistances(
  samples: readonly LabelledDescriptor[],
  include: (a: LabelledDescriptor, b: LabelledDescriptor) => boolean = () => true,
): { genuine: number[]; impostor: Array<{ a: string; b: string; distance: number }> } {
  const genuine: number[] = [];
  const impostor: Array<{ a: string; b: string; distance: number }> = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const { crowd: ci } = samples[i];
      const { crowd: cj } = samples[j];
      if (ci !== undefined && cj !== undefined && ci !== cj) continue;
      if (!include(samples[i], samples[j])) continue;
      const distance = faceDistance(samples[i].descriptor, samples[j].descriptor);
      if (samples[i].identity === samples[j].identity) genuine.push(distance);
      else impostor.push({ a: samples[i].source, b: samples[j].source, distance });
    }
  }
  return { genuine, impostor };
}

/**
 * ROC over a threshold grid and the operating point: the largest threshold with
 * FAR ≤ target. With N impostor pairs and no false accept, FAR's 95% upper bound is about 3/N
 * (rule of three), so a 0.1% target needs thousands of pairs to be shown, not just met.
 */
export function calibrate(samples: readonly LabelledDescriptor[], targetFalseAcceptRate = 0.001, grid = thresholdGrid()): Calibration {
  const { genuine, impostor } = pairDistances(samples);
  if (genuine.length === 0 || impostor.length === 0) throw new Error('calibration needs both genuine and impostor pairs');
  const roc = grid.map((threshold) => {
    const falseAccepts = impostor.filter((p) => p.distance <= threshold).length;
    const falseRejects = genuine.filter((d) => d > threshold).length;
    return { threshold, falseAccepts, falseAcceptRate: falseAccepts / impostor.length, falseRejects, falseRejectRate: falseRejects / genuine.length };
  });
  const eligible = roc.filter((r) => r.falseAcceptRate <= targetFalseAcceptRate);
  const closestImpostors = impostor.reduce((best, p) => (p.distance < best.distance ? p : best));
  return {
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    genuineMaxDistance: Math.max(...genuine),
    impostorMinDistance: closestImpostors.distance,
    roc,
    chosenThreshold: eligible.length ? eligible[eligible.length - 1].threshold : grid[0],
    targetFalseAcceptRate,
    closestImpostors,
  };
}

export interface OperatingPoint {
  readonly threshold: number;
  readonly genuinePairs: number;
  readonly impostorPairs: number;
  readonly falseAccepts: number;
  readonly falseRejects: number;
  readonly closestImpostor?: { a: string; b: string; distance: number };
}

/**
 * Errors at one threshold over the pairs that involve at least one sample `involving` picks —
 * e.g. faces from photos the threshold was not calibrated on.
 */
export function evaluateAt(samples: readonly LabelledDescriptor[], threshold: number, involving: (s: LabelledDescriptor) => boolean = () => true): OperatingPoint {
  const picked = new Set(samples.filter(involving).map((s) => s.source));
  const { genuine, impostor } = pairDistances(samples, (a, b) => picked.has(a.source) || picked.has(b.source));
  const closestImpostor = impostor.length ? impostor.reduce((best, p) => (p.distance < best.distance ? p : best)) : undefined;
  return {
    threshold,
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    falseAccepts: impostor.filter((p) => p.distance <= threshold).length,
    falseRejects: genuine.filter((d) => d > threshold).length,
    closestImpostor,
  };
}

/** 0.30 … 0.70 in steps of 0.01. */
export function thresholdGrid(from = 0.3, to = 0.7, step = 0.01): number[] {
  const out: number[] = [];
  for (let t = from; t <= to + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}
