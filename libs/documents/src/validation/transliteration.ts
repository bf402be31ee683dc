/**
 * Cyrillic (Russian and Kazakh letters) to the Latin of the machine-readable zone.
 * Russian letters follow ICAO Doc 9303 Part 3 §6 (Ж ZH, Х KH, Ц TS, Щ SHCH, Ъ IE, Ю IU, Я IA,
 * Ь dropped); the nine Kazakh letters take the Latin of the Russian letter they extend
 * (Ә A, Ғ G, Қ K, Ң N, Ө O, Ұ U, Ү U, І I) and Һ H, as Kazakhstan writes them in zones.
 * The table is documented in docs/documents.md.
 */
export const MRZ_TRANSLITERATION: Readonly<Record<string, string>> = {
  А: 'A', Ә: 'A', Б: 'B', В: 'V', Г: 'G', Ғ: 'G', Д: 'D', Е: 'E', Ё: 'E', Ж: 'ZH', З: 'Z',
  И: 'I', Й: 'I', К: 'K', Қ: 'K', Л: 'L', М: 'M', Н: 'N', Ң: 'N', О: 'O', Ө: 'O', П: 'P',
  Р: 'R', С: 'S', Т: 'T', У: 'U', Ұ: 'U', Ү: 'U', Ф: 'F', Х: 'KH', Һ: 'H', Ц: 'TS', Ч: 'CH',
  Ш: 'SH', Щ: 'SHCH', Ъ: 'IE', Ы: 'Y', І: 'I', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
};

/**
 * Transliterates a Cyrillic name to zone Latin: upper case, spaces and hyphens kept as spaces
 * (they become « < » fillers in the zone), other characters dropped.
 */
export function transliterateToMrz(cyrillic: string): string {
  let out = '';
  for (const ch of cyrillic.toUpperCase()) {
    if (ch in MRZ_TRANSLITERATION) out += MRZ_TRANSLITERATION[ch];
    else if (/[A-Z]/.test(ch)) out += ch;
    else if (ch === ' ' || ch === '-') out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Whether a Cyrillic name and the zone's Latin name agree under our rules. The zone may cut a long
 * name, so a zone value that is a prefix of the transliteration (at the zone's width) also agrees.
 */
export function namesAgree(cyrillic: string, zoneLatin: string, truncated = false): boolean {
  const expected = transliterateToMrz(cyrillic).replace(/ /g, '<');
  const actual = zoneLatin.trim().replace(/ /g, '<');
  if (expected === actual) return true;
  return truncated && actual.length > 0 && expected.startsWith(actual);
}
