import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { facesDir } from '@app/fixtures';
import type { CalendarDate, DocumentHolder, DocumentType, IssuingAuthority, Sex } from '../types';
import { decodeIin, iinCheckDigit } from '../validation/iin-facts';
import { transliterateToMrz } from '../validation/transliteration';
import { SeededRandom } from './seeded-random';

/* Names chosen to exercise every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and the multi-letter Latin of Ж Х Ц Ч Ш Щ Ю Я. */
const SURNAMES = ['НҰРЛАНОВ', 'ҚАЙРАТОВ', 'ӘБІЛҚАСЫМОВ', 'ЖҰМАБЕКОВ', 'СӘРСЕНБАЕВ', 'ИВАНОВ', 'ТОҚТАРОВ', 'ӨТЕГЕНОВ', 'ҮСЕНОВ', 'ШАЯХМЕТОВ', 'ҒАБДУЛЛИН', 'ЩЕРБАКОВ', 'ЮСУПОВ', 'ЯКОВЛЕВ', 'ХАСЕНОВ', 'ЦОЙ', 'ЧЕРНЕНКО', 'БАЙҒОЖИН', 'ТӨЛЕУОВ', 'ЕСЕНҒАЛИЕВ'];
const MALE_NAMES = ['НҰРСҰЛТАН', 'ҚАНАТ', 'ӘЛИХАН', 'ЕРЛАН', 'ДӘУЛЕТ', 'АЙДОС', 'ҒАЛЫМ', 'СЕРГЕЙ', 'ЖАНДОС', 'ӨМІРЗАҚ', 'ЖАҺАНГЕР', 'ЮРИЙ', 'АРМАН', 'БАУЫРЖАН', 'ТІМУР'];
const FEMALE_NAMES = ['ӘСЕЛ', 'АЙГЕРІМ', 'ҚАРЛЫҒАШ', 'ЖАННА', 'ГҮЛНАР', 'ДИНАРА', 'ҰЛЖАН', 'ТАТЬЯНА', 'НАТАЛЬЯ', 'ЯНА', 'ШЫНАР', 'ЖАНСАЯ', 'ИНДИРА', 'МӨЛДІР', 'ӘЙГЕРІМ'];
const FATHER_NAMES_KZ = ['ҚАНАТ', 'ЕРЛАН', 'НҰРЛАН', 'БОЛАТ', 'СӘКЕН', 'ҒАЛЫМ', 'ТӨЛЕГЕН', 'ДАУРЕН'];
const FATHER_NAMES_RU = ['СЕРГЕЕВ', 'НИКОЛАЕВ', 'ИВАНОВ', 'ЮРЬЕВ', 'АНДРЕЕВ', 'ПЕТРОВ'];
const BIRTHPLACES = ['АЛМАТЫ', 'АСТАНА', 'ШЫМКЕНТ', 'ҚАРАҒАНДЫ', 'ӨСКЕМЕН', 'ТАЛДЫҚОРҒАН', 'ҚЫЗЫЛОРДА', 'ПАВЛОДАР', 'АҚТӨБЕ', 'ТАРАЗ', 'АЛМАТЫ ОБЛЫСЫ', 'ҚОСТАНАЙ', 'ОРАЛ', 'АТЫРАУ', 'СЕМЕЙ', 'ТҮРКІСТАН'];
const NATIONALITIES = ['ҚАЗАҚ', 'ОРЫС', 'ӨЗБЕК', 'ҰЙҒЫР', 'КӘРІС', 'ТАТАР', 'УКРАИН', 'НЕМІС'];
const AUTHORITIES: IssuingAuthority[] = ['МВД РК', 'МЮ РК'];

function femaleSurname(s: string): string {
  if (/(ОВ|ЕВ|ИН|ЫН)$/.test(s)) return s + 'А';
  return s;
}

function patronymic(rnd: SeededRandom, sex: Sex): string {
  if (rnd.next() < 0.6) return rnd.pick(FATHER_NAMES_KZ) + (sex === 'M' ? 'ҰЛЫ' : 'ҚЫЗЫ');
  return rnd.pick(FATHER_NAMES_RU) + (sex === 'M' ? 'ИЧ' : 'НА');
}

function addYears(d: CalendarDate, years: number): CalendarDate {
  const t = new Date(Date.UTC(d.year + years, d.month - 1, d.day - 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function portraitFor(rnd: SeededRandom, sex: Sex, dir: string): string {
  const files = readdirSync(dir).filter((f) => /\.(jpe?g|png)$/i.test(f) && !f.startsWith('group'));
  const male = files.filter((f) => f.startsWith('person-vlado'));
  const female = files.filter((f) => !f.startsWith('person-vlado'));
  const pool = sex === 'M' ? male : female;
  return join(dir, rnd.pick(pool.length > 0 ? pool : files));
}

/** A valid IIN for a birth date and sex (century/sex digit per DESIGN §3). */
export function makeIin(rnd: SeededRandom, birth: CalendarDate, sex: Sex): string {
  const centuryBase = birth.year >= 2000 ? 5 : birth.year >= 1900 ? 3 : 1;
  const prefix = [birth.year % 100, birth.month, birth.day].map((n) => String(n).padStart(2, '0')).join('');
  for (;;) {
    const first11 = prefix + String(centuryBase + (sex === 'F' ? 1 : 0)) + String(rnd.int(0, 9999)).padStart(4, '0');
    const check = iinCheckDigit(first11);
    if (check !== null) return first11 + String(check);
  }
}

interface HolderOptions {
  readonly type?: DocumentType;
  readonly facesDir?: string;
}

function buildHolder(rnd: SeededRandom, iin: string, birth: CalendarDate, sex: Sex, opts: HolderOptions): DocumentHolder {
  const surname = sex === 'M' ? rnd.pick(SURNAMES) : femaleSurname(rnd.pick(SURNAMES));
  const givenName = rnd.pick(sex === 'M' ? MALE_NAMES : FEMALE_NAMES);
  const issueDate: CalendarDate = { year: rnd.int(2016, 2025), month: rnd.int(1, 12), day: rnd.int(1, 28) };
  const documentNumber = opts.type === 'passport' ? 'N' + String(rnd.int(0, 99999999)).padStart(8, '0') : '0' + String(rnd.int(10000000, 99999999));
  return {
    surname,
    givenName,
    patronymic: patronymic(rnd, sex),
    latinSurname: transliterateToMrz(surname),
    latinGivenName: transliterateToMrz(givenName),
    sex,
    birthDate: birth,
    birthPlace: rnd.pick(BIRTHPLACES),
    nationality: rnd.pick(NATIONALITIES),
    iin,
    documentNumber,
    issueDate,
    expiryDate: addYears(issueDate, 10),
    issuingAuthority: rnd.pick(AUTHORITIES),
    portraitPath: portraitFor(rnd, sex, facesDir(opts.facesDir)),
  };
}

/** A deterministic sample holder: same seed, same person. */
export function sampleHolder(seed: number, opts: HolderOptions = {}): DocumentHolder {
  const rnd = new SeededRandom(seed * 7919 + 17);
  const sex: Sex = rnd.next() < 0.5 ? 'M' : 'F';
  const birth: CalendarDate = { year: rnd.int(1955, 2006), month: rnd.int(1, 12), day: rnd.int(1, 28) };
  return buildHolder(rnd, makeIin(rnd, birth, sex), birth, sex, opts);
}

/** `count` deterministic sample holders. */
export function sampleHolders(count: number, seed = 1, opts: HolderOptions = {}): DocumentHolder[] {
  return Array.from({ length: count }, (_, i) => sampleHolder(seed * 100_003 + i, opts));
}

/**
 * A holder for a given IIN: birth date and sex come from the IIN, everything else is drawn from a
 * PRNG seeded by it, so the same IIN always yields the same document.
 */
export function holderForIin(iin: string, opts: HolderOptions = {}): DocumentHolder {
  const facts = decodeIin(iin);
  if (!facts || !facts.checksumValid) throw new RangeError(`${iin} is not a valid IIN`);
  const rnd = new SeededRandom(Number(iin.slice(6, 12)) ^ Number(iin.slice(0, 6)));
  return buildHolder(rnd, iin, facts.birthDate, facts.sex, opts);
}
