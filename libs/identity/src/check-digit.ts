const PRIMARY_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const FALLBACK_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The control digit shared by IIN and BIN (DESIGN §3): Σ dᵢ·wᵢ mod 11 with weights 1..11;
 * when that gives 10, weights 3..11,1,2; when that gives 10 again the number cannot exist.
 * Returns null in that last case.
 */
export function controlDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
  const primary = weighted(PRIMARY_WEIGHTS);
  if (primary !== 10) return primary;
  const fallback = weighted(FALLBACK_WEIGHTS);
  return fallback === 10 ? null : fallback;
}

/** True when `value` is 12 digits whose last digit is the control digit of the first eleven. */
export function hasValidControlDigit(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const expected = controlDigit(value.slice(0, 11));
  return expected !== null && expected === Number(value[11]);
}
