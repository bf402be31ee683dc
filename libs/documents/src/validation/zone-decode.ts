import { parseMrz, type MrzFormat, type ParsedMrz } from './mrz-parse';
import { snapState, STATE_CODES, ZONE_TEMPLATES } from './mrz-repair';

/** The zone alphabet in the order a cell's scores are given. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** A runner-up within this score of the best is a close candidate the check digits may choose. */
const CLOSE = 0.2;
/** At most this many close candidates are tried, and at most this many at once. */
const MAX_ALTERNATIVES = 16;
const MAX_CHANGES = 3;

const allowedBy: Record<string, (ch: string) => boolean> = {
  '9': (c) => c >= '0' && c <= '9',
  A: (c) => c >= 'A' && c <= 'Z',
  '<': (c) => c === '<',
  S: (c) => c === 'M' || c === 'F' || c === '<',
  N: (c) => (c >= 'A' && c <= 'Z') || c === '<',
  X: () => true,
};

interface Alternative {
  readonly line: number;
  readonly pos: number;
  readonly ch: string;
  readonly cost: number;
}

/** A zone decoded from its cells: the parse and how close the runner-up of the weakest cell came. */
export interface DecodedZone {
  readonly parsed: ParsedMrz;
  /** The reading's total score loss against the best-scoring characters (0 when none were swapped). */
  readonly swapped: number;
  /** Mean best-cell score, 0…1. */
  readonly confidence: number;
}

/** Ranked characters a position may hold, best first, with their scores. */
function ranked(scores: ArrayLike<number>, kind: string): Array<{ ch: string; score: number }> {
  const allowed = allowedBy[kind] ?? allowedBy.X;
  const out: Array<{ ch: string; score: number }> = [];
  for (let i = 0; i < ALPHABET.length; i++) if (allowed(ALPHABET[i])) out.push({ ch: ALPHABET[i], score: scores[i] });
  return out.sort((a, b) => b.score - a.score);
}

/** The best-scoring of these characters in a cell: ICAO 9303 fixes a zone's first character by its format (I, A or C for TD1; P for TD3). */
function bestOf(scores: ArrayLike<number>, allowed: string): string {
  return [...allowed].reduce((a, b) => (scores[ALPHABET.indexOf(b)] > scores[ALPHABET.indexOf(a)] ? b : a));
}

/**
 * The name field is the names, then fillers to its end: a name never holds three fillers in a row
 * (one separates its parts, two the surname from the given names), so after the first three
 * everything is a filler — a stray K or S read there (OCR-B's < and K are close) is not a letter.
 */
function fillNameTail(chars: string[], from: number): void {
  const at = chars.join('').indexOf('<<<', from);
  if (at >= 0) for (let p = at; p < chars.length; p++) chars[p] = '<';
}

function* subsets<T>(items: readonly T[], size: number, from = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - size; i++) for (const rest of subsets(items, size - 1, i + 1)) yield [items[i], ...rest];
}

/**
 * Decodes per-cell character scores into a zone. Each position takes its best character of the
 * kind the Kazakhstan layout allows there (digit, letter, filler, sex); when a check digit or the
 * IIN's plausibility fails, close runners-up on the check-digit lines are swapped in, cheapest
 * combination first, and the first combination that makes the whole zone valid wins. The name line
 * has no check digit, so it is never second-guessed. Returns the best-scoring parse when nothing
 * validates (marked invalid), or null when the cells are not the format's shape.
 */
export function decodeZoneCells(cells: readonly (readonly ArrayLike<number>[])[], format: MrzFormat, today: Date): DecodedZone | null {
  const template = ZONE_TEMPLATES[format];
  if (cells.length !== template.length || cells.some((l, i) => l.length !== template[i].length)) return null;
  const nameLine = format === 'TD1' ? 2 : 0;
  const best: string[][] = [];
  const alternatives: Alternative[] = [];
  let scoreSum = 0;
  let count = 0;
  cells.forEach((line, i) => {
    const chars: string[] = [];
    // The state codes are snapped to KAZ (below) and no runner-up is tried there: a swap to another
    // state escaped the IIN's checks, which hold for KAZ zones (bench: IZAAZ… with a wrong IIN accepted).
    const stateCells = new Set(STATE_CODES[format][i].flatMap((at) => [at, at + 1, at + 2]));
    line.forEach((scores, p) => {
      const options = ranked(scores, template[i][p]);
      chars.push(options[0].ch);
      scoreSum += Math.max(0, options[0].score);
      count++;
      if (stateCells.has(p)) return;
      if (i === nameLine && !(format === 'TD3' && p < 5)) return;
      for (const o of options.slice(1, 3)) {
        const cost = options[0].score - o.score;
        if (cost < CLOSE) alternatives.push({ line: i, pos: p, ch: o.ch, cost });
      }
    });
    if (i === 0) chars[0] = bestOf(line[0], format === 'TD1' ? 'IAC' : 'P');
    if (i === nameLine) fillNameTail(chars, format === 'TD3' ? 5 : 0);
    let text = chars.join('');
    // The composite check digit does not cover the issuing state; these documents are Kazakhstan's.
    for (const at of STATE_CODES[format][i]) text = snapState(text, at);
    best.push([...text]);
  });
  const confidence = scoreSum / count;
  const first = parseMrz(best.map((c) => c.join('')), today);
  if (first.valid) return { parsed: first, swapped: 0, confidence };

  const tried = alternatives.sort((a, b) => a.cost - b.cost).slice(0, MAX_ALTERNATIVES);
  const combos: Array<{ swaps: Alternative[]; cost: number }> = [];
  for (let size = 1; size <= MAX_CHANGES; size++) {
    for (const swaps of subsets(tried, size)) {
      if (new Set(swaps.map((s) => `${s.line}:${s.pos}`)).size !== swaps.length) continue;
      combos.push({ swaps, cost: swaps.reduce((s, a) => s + a.cost, 0) });
    }
  }
  combos.sort((a, b) => a.cost - b.cost);
  for (const { swaps, cost } of combos) {
    const lines = best.map((c) => [...c]);
    for (const s of swaps) lines[s.line][s.pos] = s.ch;
    const parsed = parseMrz(lines.map((c) => c.join('')), today);
    if (parsed.valid) return { parsed, swapped: cost, confidence };
  }
  return { parsed: first, swapped: 0, confidence };
}
