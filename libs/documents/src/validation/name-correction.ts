import { transliterateToMrz } from './transliteration';

/*
 * Letters OCR confuses in bold Cyrillic print whose zone Latin differs, so the zone can tell them
 * apart (Ш SH / Щ SHCH, Е E / Ж ZH, М M / Н N: bold blurred Н reads as М,
 * Р R / Ғ G: Ғ's bar blurs into a bowl …). Pairs with the same
 * Latin (У/Ұ/Ү) cannot be settled this way.
 */
const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  Ш: ['Щ'], Щ: ['Ш'], Ц: ['Щ', 'Ч'], Ч: ['Ц'], И: ['Й', 'Н'], Й: ['И'], Н: ['И', 'Ң', 'М'], Ң: ['Н'], М: ['Н'],
  Ь: ['Ы', 'Б'], Ы: ['Ь'], Б: ['Ь', 'В'], В: ['Б', 'Е'], Е: ['Ё', 'Ж', 'В'], К: ['Қ', 'Ж'], Қ: ['К'],
  Г: ['Ғ'], Ғ: ['Г'], Р: ['Ғ'], Х: ['Ж', 'К'], Ж: ['Х'], З: ['Э'], Э: ['З'], Я: ['Л'], Л: ['Я'],
  І: ['Т'], Т: ['І'], О: ['Ө'], Ө: ['О'], А: ['Ә'], Ә: ['А'], Һ: ['Ь'],
};

/**
 * Given an OCR'd Cyrillic name that disagrees with the zone's Latin, finds the closest spelling
 * (one or two letters changed among known look-alikes) that transliterates to the zone value.
 * Returns null when no such spelling exists: the disagreement is then real or unresolvable.
 */
export function correctNameByZone(ocrCyrillic: string, zoneLatin: string): string | null {
  const target = zoneLatin.replace(/</g, ' ').trim();
  if (!target || transliterateToMrz(ocrCyrillic) === target) return null;
  const chars = [...ocrCyrillic];
  const positions = chars.map((c, i) => (CONFUSIONS[c] ? i : -1)).filter((i) => i >= 0);
  for (const i of positions) {
    for (const alt of CONFUSIONS[chars[i]]) {
      const one = [...chars];
      one[i] = alt;
      if (transliterateToMrz(one.join('')) === target) return one.join('');
    }
  }
  for (let a = 0; a < positions.length; a++) {
    for (let b = a + 1; b < positions.length; b++) {
      for (const altA of CONFUSIONS[chars[positions[a]]]) {
        for (const altB of CONFUSIONS[chars[positions[b]]]) {
          const two = [...chars];
          two[positions[a]] = altA;
          two[positions[b]] = altB;
          if (transliterateToMrz(two.join('')) === target) return two.join('');
        }
      }
    }
  }
  return null;
}
