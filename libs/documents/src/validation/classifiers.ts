/**
 * The closed vocabularies a Kazakhstan identity document prints its free-text fields from, as a
 * reader checks them against (the state's classifier of nationalities, and the place names of
 * КАТО, the classifier of administrative-territorial objects). These lists hold the common
 * entries in the forms documents print (Kazakh, and Russian as the older documents and the
 * register write them), upper case; a deployment loads the full classifiers in their place.
 * No check digit protects these fields, so a letter OCR confused (Н read as М) would otherwise be
 * accepted as read.
 */
import { distance } from 'fastest-levenshtein';

/** The two bodies that issue these documents. */
export const ISSUING_AUTHORITIES: readonly string[] = ['МВД РК', 'МЮ РК'];

export const NATIONALITIES: readonly string[] = [
  // Kazakh forms
  'ҚАЗАҚ', 'ОРЫС', 'ӨЗБЕК', 'ҰЙҒЫР', 'КӘРІС', 'ТАТАР', 'УКРАИН', 'НЕМІС', 'ТҮРІК', 'ӘЗІРБАЙЖАН', 'БЕЛОРУС', 'ДҮНГЕН',
  'ҚЫРҒЫЗ', 'ТӘЖІК', 'ШЕШЕН', 'ПОЛЯК', 'БАШҚҰРТ', 'МОРДВА', 'ЧУВАШ', 'КҮРД', 'ГРЕК', 'ЕВРЕЙ', 'АРМЯН', 'ГРУЗИН',
  'ҚЫТАЙ', 'ТҮРІКМЕН', 'ҚАРАҚАЛПАҚ', 'МОҢҒОЛ', 'ИНГУШ',
  // Russian forms
  'КАЗАХ', 'КАЗАШКА', 'РУССКИЙ', 'РУССКАЯ', 'УЗБЕК', 'УЗБЕЧКА', 'УЙГУР', 'УЙГУРКА', 'КОРЕЕЦ', 'КОРЕЯНКА', 'ТАТАРИН', 'ТАТАРКА',
  'УКРАИНЕЦ', 'УКРАИНКА', 'НЕМЕЦ', 'НЕМКА', 'ТУРОК', 'ТУРЧАНКА', 'АЗЕРБАЙДЖАНЕЦ', 'БЕЛОРУСКА', 'ДУНГАНИН', 'ДУНГАНКА',
  'КЫРГЫЗ', 'КЫРГЫЗКА', 'ТАДЖИК', 'ТАДЖИЧКА', 'ЧЕЧЕНЕЦ', 'ЧЕЧЕНКА', 'ПОЛЯЧКА', 'БАШКИР', 'БАШКИРКА',
  'КИТАЕЦ', 'КИТАЯНКА', 'ТУРКМЕН', 'ТУРКМЕНКА', 'КАРАКАЛПАК', 'МОНГОЛ', 'ИНГУШКА',
];

/** Words of place names: cities, regions and their kind («ОБЛЫСЫ», «ОБЛ», «Г»), both languages. */
export const PLACE_WORDS: readonly string[] = [
  'АЛМАТЫ', 'АСТАНА', 'ШЫМКЕНТ', 'ҚАРАҒАНДЫ', 'ӨСКЕМЕН', 'ТАЛДЫҚОРҒАН', 'ҚЫЗЫЛОРДА', 'ПАВЛОДАР', 'АҚТӨБЕ', 'ТАРАЗ',
  'ҚОСТАНАЙ', 'ОРАЛ', 'АТЫРАУ', 'СЕМЕЙ', 'ТҮРКІСТАН', 'ПЕТРОПАВЛ', 'КӨКШЕТАУ', 'АҚТАУ', 'ЖЕЗҚАЗҒАН', 'ЕКІБАСТҰЗ', 'ТЕМІРТАУ',
  'ҚОНАЕВ', 'БАЛҚАШ', 'ОБЛЫСЫ', 'АУДАНЫ', 'ҚАЛАСЫ', 'АУЫЛЫ', 'ШЫҒЫС', 'БАТЫС', 'СОЛТҮСТІК', 'ҚАЗАҚСТАН', 'ЖАМБЫЛ',
  'КАРАГАНДА', 'УСТЬ-КАМЕНОГОРСК', 'ТАЛДЫКОРГАН', 'КЫЗЫЛОРДА', 'АКТОБЕ', 'КОСТАНАЙ', 'УРАЛЬСК', 'ТУРКЕСТАН',
  'ПЕТРОПАВЛОВСК', 'КОКШЕТАУ', 'АКТАУ', 'ЖЕЗКАЗГАН', 'ЭКИБАСТУЗ', 'БАЛХАШ', 'КОНАЕВ', 'ОБЛ', 'Г', 'ОБЛАСТЬ', 'РАЙОН',
  'КАРАГАНДИНСКАЯ', 'ТУРКЕСТАНСКАЯ', 'ВОСТОЧНО-КАЗАХСТАНСКАЯ', 'ЗАПАДНО-КАЗАХСТАНСКАЯ', 'СЕВЕРО-КАЗАХСТАНСКАЯ',
  'ПАВЛОДАРСКАЯ', 'АКТЮБИНСКАЯ', 'АЛМАТИНСКАЯ', 'АКМОЛИНСКАЯ', 'КОСТАНАЙСКАЯ', 'КЫЗЫЛОРДИНСКАЯ', 'ЖАМБЫЛСКАЯ',
  'АТЫРАУСКАЯ', 'МАНГИСТАУСКАЯ',
];

export type ClassifiedWord =
  /** In the vocabulary as read. */
  | { readonly kind: 'known'; readonly value: string }
  /** One letter from exactly one entry, and no other entry within two: that entry. */
  | { readonly kind: 'corrected'; readonly value: string }
  /** Not in the vocabulary, and not close to one entry only. */
  | { readonly kind: 'unknown'; readonly value: string };

/**
 * Checks a read word against a vocabulary. A word one edit from exactly one entry, with no other
 * entry within two edits, is that entry (МЕМІС → НЕМІС); a word as close to two entries
 * (КАЗАК: КАЗАХ and ҚАЗАҚ) stays as read, unknown. Words under four letters are never corrected.
 */
export function classifyWord(word: string, vocabulary: readonly string[]): ClassifiedWord {
  if (vocabulary.includes(word)) return { kind: 'known', value: word };
  if ([...word].length < 4) return { kind: 'unknown', value: word };
  const near = vocabulary.map((v) => ({ v, d: distance(word, v) })).filter((c) => c.d <= 2);
  const one = near.filter((c) => c.d === 1);
  return one.length === 1 && near.length === 1 ? { kind: 'corrected', value: one[0].v } : { kind: 'unknown', value: word };
}

/** A birthplace with each word checked against the place words: corrected where one entry is meant. */
export function classifyPlace(value: string): string {
  return value
    .split(' ')
    .map((word) => {
      const bare = word.replace(/[.,]+$/, '');
      const tail = word.slice(bare.length);
      return classifyWord(bare, PLACE_WORDS).value + tail;
    })
    .join(' ');
}
