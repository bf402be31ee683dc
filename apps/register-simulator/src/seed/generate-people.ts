import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { controlDigit } from '@app/identity';
import { transliterateToMrz } from '@app/documents';
import { REGISTER_FIXTURES_DIR } from '@app/fixtures';
import type { EmployeeRole, IdentityDocumentRecord, IinExclusionCode, LegalCapacityCode } from '@app/registers';
import type { SeededLegalEntity, SeededPerson } from './person';

/**
 * Deterministically generates the simulator's fixtures (fixtures/register/people.json and
 * legal-entities.json): realistic people covering every life-status, exclusion and capacity code,
 * expired / lost / replaced documents, passports, people without a БМГ phone, and legal entities.
 *   npm run -s ts apps/register-simulator/src/seed/generate-people.ts
 * The same seed always gives the same files, so the fixtures are reviewable and reproducible.
 */
const MALE = { surnames: ['Ахметов', 'Серикбаев', 'Жумабеков', 'Нурланов', 'Касымов', 'Оспанов', 'Тулегенов', 'Сейткали', 'Абдрахманов', 'Бекмуратов', 'Смагулов', 'Ермеков'], names: ['Ерлан', 'Нурсултан', 'Арман', 'Данияр', 'Асхат', 'Бауыржан', 'Ержан', 'Қайрат', 'Мұрат', 'Ғалым', 'Әлихан', 'Тимур'] };
const FEMALE = { surnames: ['Ахметова', 'Серикбаева', 'Жумабекова', 'Нурланова', 'Касымова', 'Оспанова', 'Тулегенова', 'Исмаилова', 'Абдрахманова', 'Бекмуратова', 'Смагулова', 'Ермекова'], names: ['Айгерим', 'Әсел', 'Динара', 'Жанар', 'Гүлнар', 'Мөлдір', 'Сәуле', 'Айжан', 'Назерке', 'Ұлжан', 'Інкәр', 'Томирис'] };
const FATHERS = ['Серикович', 'Болатович', 'Нурланович', 'Маратович', 'Ерланович', 'Қанатович'];
const FATHERS_F = ['Сериковна', 'Болатовна', 'Нурлановна', 'Маратовна', 'Ерлановна', 'Қанатовна'];
const PLACES = ['г. Алматы', 'г. Астана', 'г. Шымкент', 'Карагандинская обл., г. Караганда', 'Туркестанская обл., г. Туркестан', 'Восточно-Казахстанская обл., г. Усть-Каменогорск', 'Павлодарская обл., г. Павлодар', 'Актюбинская обл., г. Актобе'];
const NATIONALITIES = ['КАЗАХ', 'КАЗАХ', 'КАЗАХ', 'РУССКИЙ', 'УЗБЕК', 'УЙГУР', 'ТАТАР', 'КОРЕЕЦ'];
const COMPANY_WORDS = ['Астана', 'Алатау', 'Каспий', 'Сарыарка', 'Жетысу', 'Номад', 'Тенгри', 'Байтерек', 'Арыс', 'Есиль', 'Кокше', 'Шыгыс'];
const COMPANY_KINDS = ['ТОО «%» Инжиниринг', 'АО «%» Финанс', 'ТОО «% Логистик»', 'ТОО «%Строй»', 'АО «Банк %»', 'ТОО «% Агро»'];

/** mulberry32: a tiny seeded PRNG, enough for fixtures. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withControlDigit(prefix: string): string | null {
  const check = controlDigit(prefix);
  return check === null ? null : `${prefix}${check}`;
}

function makeIin(birthDate: string, sex: 'male' | 'female', serial: number): string | null {
  const [y, m, d] = birthDate.split('-');
  const centuryDigit = (Number(y) >= 2000 ? 5 : 3) + (sex === 'female' ? 1 : 0);
  return withControlDigit(`${y.slice(2)}${m}${d}${centuryDigit}${String(serial).padStart(4, '0')}`);
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

interface Draft {
  iin?: string;
  surname: string;
  name: string;
  patronymic: string | null;
  sex: 'male' | 'female';
  birthDate: string;
  bmgPhone: string | null;
  photoFile?: string | null;
}

class Generator {
  private readonly random = prng(20261122);
  private readonly taken = new Set<string>();
  private documentSerial = 40_000_000;

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  phone(): string {
    return `+7${this.pick(['701', '702', '705', '707', '747', '771', '775', '778'])}${String(this.int(0, 9_999_999)).padStart(7, '0')}`;
  }

  draft(sex = this.chance(0.5) ? ('male' as const) : ('female' as const), yearRange: [number, number] = [1950, 2007]): Draft {
    const pool = sex === 'male' ? MALE : FEMALE;
    return {
      sex,
      surname: this.pick(pool.surnames),
      name: this.pick(pool.names),
      patronymic: this.chance(0.9) ? this.pick(sex === 'male' ? FATHERS : FATHERS_F) : null,
      birthDate: `${this.int(...yearRange)}-${String(this.int(1, 12)).padStart(2, '0')}-${String(this.int(1, 28)).padStart(2, '0')}`,
      bmgPhone: this.chance(0.8) ? this.phone() : null,
    };
  }

  idCard(issueDate: string, state: IdentityDocumentRecord['state'] = 'valid'): IdentityDocumentRecord {
    return { type: 'id_card', number: String(this.documentSerial++ * 7 + this.int(0, 6)).padStart(9, '0').slice(-9), issueDate, expiryDate: addYears(issueDate, 10), issuingAuthority: this.pick(['МВД РК', 'МЮ РК']), state };
  }

  passport(issueDate: string, state: IdentityDocumentRecord['state'] = 'valid'): IdentityDocumentRecord {
    return { type: 'passport', number: `N${String(this.documentSerial++).slice(-8)}`, issueDate, expiryDate: addYears(issueDate, 10), issuingAuthority: 'МВД РК', state };
  }

  /** Typical documents: a valid ID card issued in the last decade, sometimes a passport too. */
  documents(birthDate: string): IdentityDocumentRecord[] {
    const earliest = Math.max(Number(birthDate.slice(0, 4)) + 16, 2017);
    const issued = `${this.int(earliest, 2025)}-${String(this.int(1, 12)).padStart(2, '0')}-${String(this.int(1, 28)).padStart(2, '0')}`;
    const docs = [this.idCard(issued)];
    if (this.chance(0.3)) docs.push(this.passport(`${this.int(earliest, 2025)}-0${this.int(1, 9)}-1${this.int(0, 9)}`));
    return docs;
  }

  person(draft: Draft, overrides: Partial<SeededPerson> = {}): SeededPerson {
    let iin = draft.iin ?? null;
    while (!iin || this.taken.has(iin)) iin = makeIin(draft.birthDate, draft.sex, this.int(0, 9999));
    this.taken.add(iin);
    return {
      iin,
      surname: draft.surname,
      name: draft.name,
      patronymic: draft.patronymic,
      latin: { surname: transliterateToMrz(draft.surname), name: transliterateToMrz(draft.name) },
      sex: draft.sex,
      birthDate: draft.birthDate,
      birthPlace: this.pick(PLACES),
      nationality: this.pick(NATIONALITIES),
      citizenship: 'KZ',
      lifeStatus: 1,
      exclusionCode: null,
      capacityCode: 1,
      documents: this.documents(draft.birthDate),
      hasPhoto: Boolean(draft.photoFile),
      bmgPhone: draft.bmgPhone,
      photoFile: draft.photoFile ?? null,
      ...overrides,
    };
  }

  bin(serial: number): string {
    let bin: string | null = null;
    let n = serial;
    while (!bin) bin = withControlDigit(`${String(this.int(0, 24)).padStart(2, '0')}${String(this.int(1, 12)).padStart(2, '0')}${this.pick(['4', '4', '4', '5'])}${this.pick(['0', '0', '1'])}${String(n++).padStart(5, '0')}`);
    return bin;
  }
}

export function generateFixtures(): { people: SeededPerson[]; legalEntities: SeededLegalEntity[] } {
  const g = new Generator();
  const fixed = (d: Draft, o: Partial<SeededPerson> = {}) => g.person(d, o);

  const people: SeededPerson[] = [
    // The applicants the issues and README name.
    fixed({ iin: '880515300120', surname: 'Сейткали', name: 'Ерлан', patronymic: 'Маратович', birthDate: '1988-05-15', sex: 'male', bmgPhone: '+77011234567' }),
    fixed({ iin: '900101400559', surname: 'Касымова', name: 'Динара', patronymic: 'Болатовна', birthDate: '1990-01-01', sex: 'female', bmgPhone: null }),
    fixed({ iin: '950408300015', surname: 'Жумабеков', name: 'Арман', patronymic: 'Серикович', birthDate: '1995-04-08', sex: 'male', bmgPhone: '+77017654321' }),
    // The people whose photos are in fixtures/faces: one photo each is the register photo.
    fixed({ ...g.draft('female', [1986, 1992]), surname: 'Оспанова', name: 'Айгерим', bmgPhone: g.phone(), photoFile: 'stock-emotions-a-1.jpg' }),
    fixed({ ...g.draft('female', [1993, 1999]), surname: 'Смагулова', name: 'Мөлдір', bmgPhone: g.phone(), photoFile: 'stock-emotions-b-1.jpg' }),
    fixed({ ...g.draft('male', [1975, 1985]), surname: 'Ермеков', name: 'Тимур', bmgPhone: g.phone(), photoFile: 'person-vlado.jpg' }),
    fixed({ ...g.draft('female', [2007, 2007]), surname: 'Нурланова', name: 'Томирис', bmgPhone: g.phone(), photoFile: 'stock-teen-1.jpg' }),
  ];

  // Every code of seed 000 Appendix 2, each on a person who would otherwise be fine.
  people.push(g.person(g.draft(), { lifeStatus: 9, exclusionCode: 9, bmgPhone: g.phone() }));
  people.push(g.person(g.draft(), { lifeStatus: 9, exclusionCode: null, bmgPhone: g.phone() }));
  for (const code of [1, 2, 3, 4, 5, 6, 7, 8] as IinExclusionCode[]) people.push(g.person(g.draft(), { exclusionCode: code, bmgPhone: g.phone() }));
  for (const code of [2, 3, 4, 5] as LegalCapacityCode[]) people.push(g.person(g.draft(), { capacityCode: code, bmgPhone: g.phone() }));
  for (const citizenship of ['RU', 'UZ', 'CN']) people.push(g.person(g.draft(), { citizenship, nationality: citizenship === 'RU' ? 'РУССКИЙ' : citizenship === 'UZ' ? 'УЗБЕК' : 'КИТАЕЦ', bmgPhone: g.phone() }));

  // Document histories: expired, lost, replaced, passport only.
  const docPeople: Array<(birth: string) => IdentityDocumentRecord[]> = [
    () => [g.idCard('2014-03-11', 'expired')],
    () => [g.idCard('2022-06-01', 'lost')],
    () => [g.idCard('2015-02-02', 'replaced'), g.idCard('2023-02-20')],
    () => [g.passport('2021-09-09')],
    () => [g.idCard('2016-10-10', 'expired'), g.passport('2024-01-15')],
  ];
  for (let i = 0; i < 10; i++) {
    const d = g.draft();
    people.push(g.person(d, { documents: docPeople[i % docPeople.length](d.birthDate), bmgPhone: g.phone() }));
  }

  while (people.length < 240) people.push(g.person(g.draft()));

  // Legal entities: heads and employees drawn from eligible people with phones.
  const eligible = people.filter((p) => p.lifeStatus === 1 && p.exclusionCode === null && p.capacityCode === 1 && p.citizenship === 'KZ' && p.bmgPhone && p.iin !== '900101400559' && !p.photoFile);
  const legalEntities: SeededLegalEntity[] = [
    {
      bin: '070340001239',
      name: 'ТОО «Сарыарка Инжиниринг»',
      registrationNumber: '12345-1901-ТОО',
      state: 'active',
      firstHeadIin: '950408300015',
      actingHeadIin: null,
      employees: [{ iin: '880515300120', roles: ['employee'] }],
    },
  ];
  let cursor = 3;
  const roleSets: EmployeeRole[][] = [['signing_right'], ['financial_signing_right'], ['hr'], ['employee'], ['signing_right', 'financial_signing_right']];
  for (let i = 1; i < 24; i++) {
    const head = eligible[cursor++ % eligible.length];
    const employees = Array.from({ length: g.int(2, 5) }, (_, k) => ({ iin: eligible[cursor++ % eligible.length].iin, roles: roleSets[(i + k) % roleSets.length] }));
    legalEntities.push({
      bin: g.bin(10_000 + i * 37),
      name: g.pick(COMPANY_KINDS).replace('%', g.pick(COMPANY_WORDS)),
      registrationNumber: `${g.int(10000, 99999)}-${g.int(1901, 1999)}-ТОО`,
      state: i % 8 === 0 ? 'liquidated' : 'active',
      firstHeadIin: head.iin,
      actingHeadIin: i === 5 ? eligible[cursor++ % eligible.length].iin : null,
      employees,
    });
  }
  // Appended last, so everything drawn above stays as it was: an organisation whose first head and one
  // employee have register photos and БМГ phones, for the first-head approval path (seed 002 steps 26–27).
  const withPhoto = (file: string) => people.find((p) => p.photoFile === file)!.iin;
  legalEntities.push({
    bin: g.bin(90_001),
    name: 'ТОО «Байтерек Консалтинг»',
    registrationNumber: '90001-1910-ТОО',
    state: 'active',
    firstHeadIin: withPhoto('stock-emotions-a-1.jpg'), // Оспанова Айгерим
    actingHeadIin: null,
    employees: [{ iin: withPhoto('stock-emotions-b-1.jpg'), roles: ['employee'] }], // Смагулова Мөлдір
  });
  return { people, legalEntities };
}

if (require.main === module) {
  const { people, legalEntities } = generateFixtures();
  writeFileSync(resolve(REGISTER_FIXTURES_DIR, 'people.json'), `${JSON.stringify(people, null, 2)}\n`);
  writeFileSync(resolve(REGISTER_FIXTURES_DIR, 'legal-entities.json'), `${JSON.stringify(legalEntities, null, 2)}\n`);
  process.stdout.write(`wrote ${people.length} people and ${legalEntities.length} legal entities to ${REGISTER_FIXTURES_DIR}\n`);
}
