import { parseMrz, type MrzFormat, type ParsedMrz } from './mrz-parse';
import { repairMrzLines } from './mrz-repair';

/** Per-position majority over equal-length candidates; ties go to the earliest candidate. */
export function voteCharacters(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let out = '';
  for (let p = 0; p < candidates[0].length; p++) {
    const counts = new Map<string, number>();
    for (const c of candidates) counts.set(c[p], (counts.get(c[p]) ?? 0) + 1);
    let best = candidates[0][p];
    for (const c of candidates) if ((counts.get(c[p]) ?? 0) > (counts.get(best) ?? 0)) best = c[p];
    out += best;
  }
  return out;
}

function distinctByVotes(lines: readonly string[]): string[] {
  const votes = new Map<string, number>();
  for (const l of lines) votes.set(l, (votes.get(l) ?? 0) + 1);
  return [...votes.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
}

/**
 * Combines several OCR readings of one zone. Lines protected by check digits are chosen so that
 * every check digit passes (preferring the line most readings agree on); the name line, which has
 * no check digit, is decided character by character by majority. Returns the best parse, valid or not.
 */
export function combineZoneReadings(texts: readonly string[], format: MrzFormat, today: Date): ParsedMrz | null {
  const readings = texts.map((t) => repairMrzLines(t, format)).filter((l): l is string[] => l !== null);
  if (readings.length === 0) return null;
  const nameIndex = format === 'TD1' ? 2 : 0;
  const lineCount = readings[0].length;
  const options: string[][] = [];
  for (let i = 0; i < lineCount; i++) {
    const column = readings.map((r) => r[i]);
    const voted = voteCharacters(column);
    options.push(i === nameIndex ? [voted] : distinctByVotes([...column, voted]));
  }
  let firstParse: ParsedMrz | null = null;
  const combos = options.reduce<string[][]>((acc, opts) => acc.flatMap((prefix) => opts.map((o) => [...prefix, o])), [[]]);
  for (const lines of combos) {
    const parsed = parseMrz(lines, today);
    if (parsed.valid) return parsed;
    firstParse ??= parsed;
  }
  return firstParse;
}
