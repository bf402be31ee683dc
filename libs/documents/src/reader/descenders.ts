import type { Rect } from '../layout';
import type { GreyImage } from './prepare-crop';
import { baselineOf, findTextLines } from './text-lines';

/** A piece of ink whose bottom is this share of the letter height below the line's baseline reaches below it (Қ's tail). */
const BELOW_BASELINE = 0.12;
/** A space is clearly wider than the gaps between letters: the narrowest space at least this many times the widest letter gap. */
const SPACE_OVER_GAP = 1.5;

/**
 * For the value line printed in `rect`, read as `words` words, how many ink pieces of each word
 * (left to right) reach below the baseline: Қ, Ң, Д, Ц, Щ and commas do, other capitals do not.
 * Touching letters make one piece, which still counts once for its one tail. The words are cut at
 * the line's `words − 1` widest gaps. Null when no line is found or its spaces cannot be told
 * from the gaps between letters.
 */
export function printedDescenders(grey: GreyImage, rect: Rect, words: number): number[] | null {
  const line = findTextLines(grey, rect).sort((a, b) => b.glyphBoxes.length - a.glyphBoxes.length)[0];
  if (!line || line.glyphBoxes.length < words) return null;
  const boxes = [...line.glyphBoxes].sort((a, b) => a.x - b.x);
  const baseline = baselineOf(line);
  const gaps = boxes.slice(1).map((b, i) => ({ at: i + 1, width: b.x - (boxes[i].x + boxes[i].w) })).sort((a, b) => b.width - a.width);
  const spaces = gaps.slice(0, words - 1);
  const widestLetterGap = gaps[words - 1]?.width ?? 0;
  if (spaces.some((s) => s.width < SPACE_OVER_GAP * widestLetterGap)) return null;
  const cuts = [0, ...spaces.map((s) => s.at).sort((a, b) => a - b), boxes.length];
  return cuts.slice(1).map((end, k) => boxes.slice(cuts[k], end).filter((b) => b.y + b.h - baseline > BELOW_BASELINE * line.glyphHeight).length);
}
