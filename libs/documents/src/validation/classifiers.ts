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

/**
 * Common fathers' names, Kazakh (in Kazakh and in Russian spelling) and Russian, from which the
 * patronymics are formed. A patronymic near one of their forms without being one is most likely
 * that form misread (ДАУРЕМҚЫЗЫ); one far from all (a rare name) is not doubted.
 */
export const FATHERS_NAMES: readonly string[] = [
  'АБАЙ', 'АБЫЛАЙ', 'АЙБЕК', 'АЙДАР', 'АЙДОС', 'АЛИБЕК', 'АЛМАС', 'АМАНГЕЛДІ', 'АРМАН', 'АСЛАН', 'АСХАТ', 'АСЕТ', 'БАҚЫТ',
  'БАУЫРЖАН', 'БЕРІК', 'БЕКЗАТ', 'БОЛАТ', 'ҒАЛЫМ', 'ДАНИЯР', 'ДАРХАН', 'ДАУРЕН', 'ДӘУЛЕТ', 'ЕЛДОС', 'ЕРБОЛ', 'ЕРЖАН',
  'ЕРЛАН', 'ЕРНАР', 'ЕСЕН', 'ЖАНДОС', 'ЖАНАТ', 'ЖОМАРТ', 'ЖАҺАНГЕР', 'ИСЛАМ', 'ҚАЙРАТ', 'ҚАНАТ', 'ҚАСЫМ', 'ҚУАНЫШ',
  'МАРАТ', 'МҰРАТ', 'МҰХТАР', 'НҰРЛАН', 'НҰРЖАН', 'НҰРСҰЛТАН', 'ОЛЖАС', 'ОРАЗ', 'РУСЛАН', 'САБИТ', 'САПАР', 'СӘКЕН',
  'СЕРІК', 'ТАЛҒАТ', 'ТЕМІР', 'ТІМУР', 'ТӨЛЕГЕН', 'ӘЛИХАН', 'ӨМІРЗАҚ',
  'БАХЫТ', 'БЕРИК', 'КАЙРАТ', 'КАНАТ', 'МУРАТ', 'НУРЛАН', 'НУРЖАН', 'СЕРИК', 'ТАЛГАТ', 'ТЕМИР', 'ТИМУР', 'ТОЛЕГЕН',
  'АЛЕКСАНДР', 'АЛЕКСЕЙ', 'АНАТОЛИЙ', 'АНДРЕЙ', 'АНТОН', 'АРКАДИЙ', 'БОРИС', 'ВАДИМ', 'ВАЛЕНТИН', 'ВАЛЕРИЙ', 'ВАСИЛИЙ',
  'ВИКТОР', 'ВИТАЛИЙ', 'ВЛАДИМИР', 'ВЛАДИСЛАВ', 'ГЕННАДИЙ', 'ГЕОРГИЙ', 'ГРИГОРИЙ', 'ДЕНИС', 'ДМИТРИЙ', 'ЕВГЕНИЙ', 'ЕГОР',
  'ИВАН', 'ИГОРЬ', 'ИЛЬЯ', 'КОНСТАНТИН', 'ЛЕОНИД', 'МАКСИМ', 'МИХАИЛ', 'НИКОЛАЙ', 'ОЛЕГ', 'ПАВЕЛ', 'ПЕТР', 'РОМАН',
  'СЕМЕН', 'СЕРГЕЙ', 'СТАНИСЛАВ', 'СТЕПАН', 'ЮРИЙ', 'ЯКОВ',
];

/** The patronymics a father's name gives: Kazakh -ҰЛЫ / -ҚЫЗЫ, Russian -ОВИЧ / -ОВНА and their spelling rules. */
export function patronymicsOf(name: string): string[] {
  const irregular: Record<string, string> = { ПАВЕЛ: 'ПАВЛ', МИХАИЛ: 'МИХАЙЛ' };
  let russian: string[];
  if (irregular[name]) russian = [`${irregular[name]}ОВИЧ`, `${irregular[name]}ОВНА`];
  else if (name.endsWith('ИЙ')) {
    const base = name.slice(0, -2);
    russian = [`${base}ЬЕВИЧ`, `${base}ЬЕВНА`, `${base}ИЕВИЧ`, `${base}ИЕВНА`];
  } else if (/[ЙЬ]$/.test(name)) russian = [`${name.slice(0, -1)}ЕВИЧ`, `${name.slice(0, -1)}ЕВНА`];
  else if (/[ЖШЧЩЦ]$/.test(name)) russian = [`${name}ЕВИЧ`, `${name}ЕВНА`];
  else if (/[АЯ]$/.test(name)) russian = [`${name.slice(0, -1)}ИЧ`, `${name.slice(0, -1)}ИНИЧНА`, `${name.slice(0, -1)}ИЧНА`];
  else russian = [`${name}ОВИЧ`, `${name}ОВНА`];
  return [`${name}ҰЛЫ`, `${name}ҚЫЗЫ`, ...russian];
}

const KNOWN_PATRONYMICS: ReadonlySet<string> = new Set(FATHERS_NAMES.flatMap(patronymicsOf));

/** True when a read patronymic is within two letters of a known one without being one (ИВАМОВНА). */
export function patronymicNearMiss(value: string): boolean {
  if (KNOWN_PATRONYMICS.has(value)) return false;
  for (const p of KNOWN_PATRONYMICS) if (distance(value, p) <= 2) return true;
  return false;
}

export type ClassifiedWord =
  /** In the vocabulary as read. */
  | { readonly kind: 'known'; readonly value: string }
  /** One letter from exactly one entry, and no other entry within two; or the one near entry the print's descenders fit. */
  | { readonly kind: 'corrected'; readonly value: string }
  /** Within two letters of one or more entries, none of them settled: most likely a misread of one. */
  | { readonly kind: 'ambiguous'; readonly value: string; readonly candidates: readonly string[] }
  /** Not within two letters of any entry. */
  | { readonly kind: 'unknown'; readonly value: string };

/** Capitals whose stroke reaches below the baseline (Қ and Ң are К and Н with a tail), and the comma. */
const DESCENDING = /[ДЦЩҚҢ,]/g;
/** How many characters of `text` reach below the baseline when printed. */
export const descendersIn = (text: string): number => (text.match(DESCENDING) ?? []).length;

/** Kazakh letters and the Russian ones they become when their mark (tail, bar, hook, dot) is lost. */
const UNMARKED: Readonly<Record<string, string>> = { Қ: 'К', Ң: 'Н', Ғ: 'Г', Ө: 'О', Ү: 'У', Ұ: 'У', Ә: 'А', Һ: 'Х' };
const unmarked = (word: string): string => [...word].map((ch) => UNMARKED[ch] ?? ch).join('');

/**
 * Entries that read as `word` with their Kazakh marks lost: the Kazakh spelling of a place whose
 * Russian spelling `word` is (АҚТӨБЕ for АКТОБЕ, ҚОСТАНАЙ for КОСТАНАЙ).
 */
function markedTwins(word: string, vocabulary: readonly string[]): string[] {
  return vocabulary.filter((v) => v !== word && unmarked(v) === word);
}

/**
 * Checks a read word against a vocabulary. A word one edit from exactly one entry, with no other
 * entry within two edits, is that entry (МЕМІС → НЕМІС). A word as close to two entries (КАЗАК:
 * КАЗАХ and ҚАЗАҚ), or two edits from one, is ambiguous — unless `printedDescenders`, the number
 * of its ink pieces that reach below the baseline, shows tails the reading lacks and fits exactly
 * one of the near entries (ҚАЗАҚ prints two tails, КАЗАХ none): OCR of a blurred photo loses
 * Қ's tail, the print keeps it.
 * Words under four letters are never corrected. A word in the vocabulary that is also another
 * entry with its Kazakh marks lost (АКТОБЕ, АҚТӨБЕ) is settled by the print too, or doubted.
 */
export function classifyWord(word: string, vocabulary: readonly string[], printedDescenders?: number): ClassifiedWord {
  if (vocabulary.includes(word)) {
    // An entry that is also another's Kazakh spelling with its marks lost (АКТОБЕ read, and accepted,
    // for a small photo's АҚТӨБЕ) is settled by the print's tails: as read when they rule every
    // such twin out, the one twin they fit when they show tails the reading lacks; else a doubt.
    const twins = markedTwins(word, vocabulary);
    if (twins.length === 0) return { kind: 'known', value: word };
    if (printedDescenders !== undefined) {
      const fits = twins.filter((v) => descendersIn(v) === printedDescenders);
      if (printedDescenders === descendersIn(word) && fits.length === 0) return { kind: 'known', value: word };
      if (printedDescenders > descendersIn(word) && fits.length === 1) return { kind: 'corrected', value: fits[0] };
    }
    return { kind: 'ambiguous', value: word, candidates: [word, ...twins] };
  }
  if ([...word].length < 4) return { kind: 'unknown', value: word };
  const near = vocabulary.map((v) => ({ v, d: distance(word, v) })).filter((c) => c.d <= 2);
  if (near.length === 0) return { kind: 'unknown', value: word };
  if (near.length === 1 && near[0].d === 1) return { kind: 'corrected', value: near[0].v };
  // The print only adds tails OCR lost (a blurred photo loses a tail more easily than it grows one).
  const tails = printedDescenders ?? 0;
  const fits = tails > descendersIn(word) ? near.filter((c) => descendersIn(c.v) === tails) : [];
  if (fits.length === 1) return { kind: 'corrected', value: fits[0].v };
  return { kind: 'ambiguous', value: word, candidates: near.map((c) => c.v) };
}

/**
 * A birthplace with each word checked against the place words: corrected where one entry is
 * meant; `doubtful` when a word is near an entry without being one (КОСТАНАИ: КОСТАНАЙ or
 * ҚОСТАНАЙ?). `printed` gives, per printed word, its pieces below the baseline (see
 * `classifyWord`); it is used only when it has a count for every word.
 */
export function classifyPlace(value: string, printed?: readonly number[]): { value: string; doubtful: boolean } {
  const words = value.split(' ');
  const perWord = printed?.length === words.length ? printed : undefined;
  let doubtful = false;
  const out = words.map((word, i) => {
    const bare = word.replace(/[.,]+$/, '');
    const tail = word.slice(bare.length);
    const seen = perWord ? perWord[i] - descendersIn(tail) : undefined;
    const c = classifyWord(bare, PLACE_WORDS, seen);
    if (c.kind === 'ambiguous') doubtful = true;
    return c.value + tail;
  });
  return { value: out.join(' '), doubtful };
}
