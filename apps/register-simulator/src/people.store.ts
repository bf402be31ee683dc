import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SeededPerson } from './seed/person';

export const DEFAULT_PEOPLE_FILE = resolve(__dirname, '../../../fixtures/register/people.json');

/** The simulator's in-memory copy of the seeded people; the БМГ operator endpoint changes phones here. */
export class PeopleStore {
  private readonly byIin = new Map<string, SeededPerson>();

  constructor(people: SeededPerson[]) {
    for (const person of people) this.byIin.set(person.iin, { ...person });
  }

  static fromFile(path = DEFAULT_PEOPLE_FILE): PeopleStore {
    return new PeopleStore(JSON.parse(readFileSync(path, 'utf8')) as SeededPerson[]);
  }

  find(iin: string): SeededPerson | undefined {
    return this.byIin.get(iin);
  }

  list(): SeededPerson[] {
    return [...this.byIin.values()];
  }

  registerPhone(iin: string, phone: string): SeededPerson | undefined {
    const person = this.byIin.get(iin);
    if (person) person.bmgPhone = phone;
    return person;
  }
}
