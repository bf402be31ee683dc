import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGISTER_FIXTURES_DIR } from '@app/fixtures';
import { isValidBin, isValidIin, parseIin } from '@app/identity';
import { generateFixtures } from '../src/seed/generate-people';
import type { SeededLegalEntity, SeededPerson } from '../src/seed/person';

const people = JSON.parse(readFileSync(resolve(REGISTER_FIXTURES_DIR, 'people.json'), 'utf8')) as SeededPerson[];
const legalEntities = JSON.parse(readFileSync(resolve(REGISTER_FIXTURES_DIR, 'legal-entities.json'), 'utf8')) as SeededLegalEntity[];

describe('register fixtures', () => {
  it('are exactly what the seeded generator produces (reproducible, nobody hand-edited them)', () => {
    const generated = generateFixtures();
    expect(JSON.parse(JSON.stringify(generated.people))).toEqual(people);
    expect(JSON.parse(JSON.stringify(generated.legalEntities))).toEqual(legalEntities);
  });

  it('hold at least 200 people with unique IINs valid by the check-digit rule, agreeing with birth date and sex', () => {
    expect(people.length).toBeGreaterThanOrEqual(200);
    expect(new Set(people.map((p) => p.iin)).size).toBe(people.length);
    for (const p of people) {
      const parsed = parseIin(p.iin);
      expect(parsed).toEqual({ valid: true, facts: { birthDate: p.birthDate, sex: p.sex } });
    }
  });

  it('cover every life-status, exclusion and capacity code, non-citizens, and document states', () => {
    expect(people.some((p) => p.lifeStatus === 9)).toBe(true);
    for (const code of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(people.some((p) => p.exclusionCode === code)).toBe(true);
    for (const code of [1, 2, 3, 4, 5]) expect(people.some((p) => p.capacityCode === code)).toBe(true);
    expect(people.some((p) => p.citizenship !== 'KZ')).toBe(true);
    const documents = people.flatMap((p) => p.documents);
    for (const state of ['valid', 'lost', 'expired', 'replaced']) expect(documents.some((d) => d.state === state)).toBe(true);
    expect(documents.some((d) => d.type === 'passport')).toBe(true);
    expect(people.some((p) => p.bmgPhone === null)).toBe(true);
  });

  it('include the named applicants and the people whose photos are in fixtures/faces', () => {
    expect(people.find((p) => p.iin === '880515300120')?.bmgPhone).toBeTruthy();
    expect(people.find((p) => p.iin === '900101400559')?.bmgPhone).toBeNull();
    const photos = people.filter((p) => p.photoFile).map((p) => p.photoFile);
    expect(photos).toEqual(expect.arrayContaining(['stock-emotions-a-1.jpg', 'stock-emotions-b-1.jpg', 'person-vlado.jpg', 'stock-teen-1.jpg']));
    expect(people.filter((p) => p.hasPhoto).length).toBe(photos.length);
  });

  it('hold at least 20 legal entities with valid BINs, heads in the people set, and BIN 070340001239 as the issues name it', () => {
    expect(legalEntities.length).toBeGreaterThanOrEqual(20);
    const iins = new Set(people.map((p) => p.iin));
    for (const e of legalEntities) {
      expect(isValidBin(e.bin)).toBe(true);
      expect(iins.has(e.firstHeadIin)).toBe(true);
      for (const employee of e.employees) expect(isValidIin(employee.iin) && iins.has(employee.iin)).toBe(true);
    }
    const known = legalEntities.find((e) => e.bin === '070340001239');
    expect(known).toMatchObject({ firstHeadIin: '950408300015', state: 'active' });
    expect(known?.employees.map((e) => e.iin)).toContain('880515300120');
    expect(legalEntities.some((e) => e.state === 'liquidated')).toBe(true);
    expect(legalEntities.some((e) => e.actingHeadIin)).toBe(true);
  });
});
