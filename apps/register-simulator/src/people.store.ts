import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGISTER_FIXTURES_DIR } from '@app/fixtures';
import type { SeededLegalEntity, SeededPerson } from './seed/person';

/** The simulator's in-memory copy of the seeded registers; the БМГ operator endpoint changes phones here. */
export class PeopleStore {
  private readonly byIin = new Map<string, SeededPerson>();
  private readonly byBin = new Map<string, SeededLegalEntity>();
  /** When a phone was registered through the operator endpoint (the seeded ones have no date). */
  private readonly phoneRegisteredAt = new Map<string, Date>();

  constructor(people: SeededPerson[], legalEntities: SeededLegalEntity[] = []) {
    for (const person of people) this.byIin.set(person.iin, { ...person });
    for (const entity of legalEntities) this.byBin.set(entity.bin, entity);
  }

  static fromDir(dir = REGISTER_FIXTURES_DIR): PeopleStore {
    const read = <T>(file: string) => JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as T;
    return new PeopleStore(read<SeededPerson[]>('people.json'), read<SeededLegalEntity[]>('legal-entities.json'));
  }

  find(iin: string): SeededPerson | undefined {
    return this.byIin.get(iin);
  }

  list(): SeededPerson[] {
    return [...this.byIin.values()];
  }

  findLegalEntity(bin: string): SeededLegalEntity | undefined {
    return this.byBin.get(bin);
  }

  listLegalEntities(): SeededLegalEntity[] {
    return [...this.byBin.values()];
  }

  /** Registers or re-registers the IIN's phone: later lookups return it. */
  registerPhone(iin: string, phone: string, at = new Date()): SeededPerson | undefined {
    const person = this.byIin.get(iin);
    if (person) {
      person.bmgPhone = phone;
      this.phoneRegisteredAt.set(iin, at);
    }
    return person;
  }

  phoneRegisteredAtOf(iin: string): Date | undefined {
    return this.phoneRegisteredAt.get(iin);
  }
}
