import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { controlDigit } from '@app/identity';
import type { SeededPerson } from './person';

/**
 * Deterministically generates the simulator's people fixture (fixtures/register/people.json).
 * Run: npm run -s ts apps/register-simulator/src/seed/generate-people.ts
 * The same seed always gives the same file, so the fixture is reviewable and reproducible.
 */
const MALE = { surnames: ['Ахметов', 'Серикбаев', 'Жумабеков', 'Нурланов', 'Касымов', 'Оспанов', 'Тулегенов', 'Сейткали', 'Абдрахманов', 'Бекмуратов'], names: ['Ерлан', 'Нурсултан', 'Арман', 'Данияр', 'Асхат', 'Бауыржан', 'Ержан', 'Қайрат', 'Мұрат', 'Ғалым'] };
const FEMALE = { surnames: ['Ахметова', 'Серикбаева', 'Жумабекова', 'Нурланова', 'Касымова', 'Оспанова', 'Тулегенова', 'Исмаилова', 'Абдрахманова', 'Бекмуратова'], names: ['Айгерим', 'Әсел', 'Динара', 'Жанар', 'Гүлнар', 'Мөлдір', 'Сәуле', 'Айжан', 'Назерке', 'Ұлжан'] };
const FATHERS = ['Серикович', 'Болатович', 'Нурланович', 'Маратович', 'Ерланович', 'Қанатович'];
const FATHERS_F = ['Сериковна', 'Болатовна', 'Нурлановна', 'Маратовна', 'Ерлановна', 'Қанатовна'];

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

function makeIin(birthDate: string, sex: 'male' | 'female', serial: number): string | null {
  const [y, m, d] = birthDate.split('-');
  const centuryDigit = (Number(y) >= 2000 ? 5 : 3) + (sex === 'female' ? 1 : 0);
  const prefix = `${y.slice(2)}${m}${d}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = controlDigit(prefix);
  return check === null ? null : `${prefix}${check}`;
}

export function generatePeople(count: number, seed = 20261122): SeededPerson[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const people: SeededPerson[] = [
    { iin: '880515300120', surname: 'Сейткали', name: 'Ерлан', patronymic: 'Маратович', birthDate: '1988-05-15', sex: 'male', bmgPhone: '+77011234567' },
    { iin: '900101400559', surname: 'Касымова', name: 'Динара', patronymic: 'Болатовна', birthDate: '1990-01-01', sex: 'female', bmgPhone: null },
    { iin: '950408300015', surname: 'Жумабеков', name: 'Арман', patronymic: 'Серикович', birthDate: '1995-04-08', sex: 'male', bmgPhone: '+77017654321' },
  ];
  const taken = new Set(people.map((p) => p.iin));
  while (people.length < count) {
    const sex = random() < 0.5 ? 'male' : 'female';
    const year = 1950 + Math.floor(random() * 56);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const birthDate = `${year}-${month}-${day}`;
    const iin = makeIin(birthDate, sex, Math.floor(random() * 10000));
    if (!iin || taken.has(iin)) continue;
    taken.add(iin);
    const pool = sex === 'male' ? MALE : FEMALE;
    people.push({
      iin,
      surname: pick(pool.surnames),
      name: pick(pool.names),
      patronymic: random() < 0.9 ? pick(sex === 'male' ? FATHERS : FATHERS_F) : null,
      birthDate,
      sex,
      bmgPhone: random() < 0.8 ? `+7${pick(['701', '702', '705', '707', '747', '771', '775', '778'])}${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : null,
    });
  }
  return people;
}

if (require.main === module) {
  const out = resolve(__dirname, '../../../../fixtures/register/people.json');
  writeFileSync(out, `${JSON.stringify(generatePeople(250), null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}
