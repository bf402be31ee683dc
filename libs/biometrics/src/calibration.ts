import { compareFaces, fusedScore, type ComparableFace } from './face-match';

/** A face with the identity it belongs to (from the fixture's file name or photo). */
export interface LabelledFace extends ComparableFace {
  readonly identity: string;
  readonly source: string;
  /**
   * Set for unlabelled faces from a crowd photo: they are surely distinct from each other and from
   * the labelled people, but two crowd photos may show the same stranger, so pairs across crowds are skipped.
   */
  readonly crowd?: string;
}

export interface ScoredPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly similarity: number;
  readonly distance: number;
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
  readonly roc: RocRow[];
  /** Lowest grid threshold whose false-accept rate stays within the target. */
  readonly chosenThreshold: number;
  readonly targetFalseAcceptRate: number;
  /** Upper 95 % bound of the FAR that the impostor count allows at the chosen threshold (see {@link farUpperBound}). */
  readonly farUpperBound95: number;
  /** Mean and standard deviation of the impostor pairs' two scores: the fusion's normalisation. */
  readonly impostorStats: { similarityMean: number; similaritySd: number; distanceMean: number; distanceSd: number };
  /** The closest impostor pairs and the weakest genuine pairs, to show the margins. */
  readonly closestImpostors: ScoredPair[];
  readonly weakestGenuine: ScoredPair[];
}

/** Fused scores of all genuine (same identity) and impostor (different identities) pairs. */
export function pairScores(
  samples: readonly LabelledFace[],
  include: (a: LabelledFace, b: LabelledFace) => boolean = () => true,
): { genuine: ScoredPair[]; impostor: ScoredPair[] } {
  const genuine: ScoredPair[] = [];
  const impostor: ScoredPair[] = [];
  forEachPair(samples, include, (x, y) => {
    const pair = { a: x.source, b: y.source, ...fusedScore(x, y) };
    (x.identity === y.identity ? genuine : impostor).push(pair);
  });
  return { genuine, impostor };
}

/**
 * Upper 95 % confidence bound of a false-accept rate after `errors` false accepts in `trials`
 * impostor pairs (exact binomial, Clopper–Pearson). With no error it is ≈ 3 / trials (rule of three).
 */
export function farUpperBound(errors: number, trials: number, confidence = 0.95): number {
  if (trials === 0) return 1;
  const alpha = 1 - confidence;
  // The p at which P(X ≤ errors) = alpha, found by bisection.
  let lo = errors / trials;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(errors, trials, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

function binomialCdf(k: number, n: number, p: number): number {
  let term = Math.pow(1 - p, n);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

/**
 * ROC of the fused score over a threshold grid and the operating point: the lowest threshold
 * with FAR ≤ target. With N impostor pairs the data cannot show a FAR below ≈ 3/N; the bound is reported.
 */
export function calibrate(samples: readonly LabelledFace[], targetFalseAcceptRate = 0.001, grid = thresholdGrid()): Calibration {
  const { genuine, impostor } = pairScores(samples);
  if (genuine.length === 0 || impostor.length === 0) throw new Error('calibration needs both genuine and impostor pairs');
  const roc = grid.map((threshold) => {
    const falseAccepts = impostor.filter((p) => p.score >= threshold).length;
    const falseRejects = genuine.filter((p) => p.score < threshold).length;
    return { threshold, falseAccepts, falseAcceptRate: falseAccepts / impostor.length, falseRejects, falseRejectRate: falseRejects / genuine.length };
  });
  const chosen = roc.find((r) => r.falseAcceptRate <= targetFalseAcceptRate) ?? roc[roc.length - 1];
  const stats = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return { mean, sd: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
  };
  const sim = stats(impostor.map((p) => p.similarity));
  const dist = stats(impostor.map((p) => p.distance));
  return {
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    roc,
    chosenThreshold: chosen.threshold,
    targetFalseAcceptRate,
    farUpperBound95: farUpperBound(chosen.falseAccepts, impostor.length),
    impostorStats: { similarityMean: sim.mean, similaritySd: sim.sd, distanceMean: dist.mean, distanceSd: dist.sd },
    closestImpostors: [...impostor].sort((p, q) => q.score - p.score).slice(0, 5),
    weakestGenuine: [...genuine].sort((p, q) => p.score - q.score).slice(0, 5),
  };
}

export interface OperatingPoint {
  readonly threshold: number;
  readonly genuinePairs: number;
  readonly impostorPairs: number;
  /** Impostor pairs the product's decision accepted. */
  readonly falseAccepts: number;
  /** Genuine pairs not matched automatically (`reviews` of them went to a moderator rather than being refused). */
  readonly falseRejects: number;
  readonly reviews: number;
  readonly farUpperBound95: number;
}

/**
 * The product's own decisions (`compareFaces`: fused score, stricter for turned or small faces,
 * moderator review beyond the limits) over the pairs that involve at least one sample `involving`
 * picks — e.g. faces from photos the threshold was not calibrated on.
 */
export function evaluateAt(samples: readonly LabelledFace[], threshold: number, involving: (s: LabelledFace) => boolean = () => true): OperatingPoint {
  const picked = new Set(samples.filter(involving).map((s) => s.source));
  let genuinePairs = 0;
  let impostorPairs = 0;
  let falseAccepts = 0;
  let falseRejects = 0;
  let reviews = 0;
  forEachPair(
    samples,
    (a, b) => picked.has(a.source) || picked.has(b.source),
    (a, b) => {
      const result = compareFaces(a, b, threshold);
      if (a.identity === b.identity) {
        genuinePairs++;
        if (!result.match) falseRejects++;
        if (result.decision === 'review') reviews++;
      } else {
        impostorPairs++;
        if (result.match) falseAccepts++;
      }
    },
  );
  return { threshold, genuinePairs, impostorPairs, falseAccepts, falseRejects, reviews, farUpperBound95: farUpperBound(falseAccepts, impostorPairs) };
}

/** 1.00 … 6.00 in steps of 0.01 (fused scores are in impostor standard deviations). */
export function thresholdGrid(from = 1, to = 6, step = 0.01): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Math.round((from + i * step) * 100) / 100);
  return out;
}

function forEachPair(samples: readonly LabelledFace[], include: (a: LabelledFace, b: LabelledFace) => boolean, visit: (a: LabelledFace, b: LabelledFace) => void): void {
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const { crowd: ci } = samples[i];
      const { crowd: cj } = samples[j];
      if (ci !== undefined && cj !== undefined && ci !== cj) continue;
      if (!include(samples[i], samples[j])) continue;
      visit(samples[i], samples[j]);
    }
  }
}
