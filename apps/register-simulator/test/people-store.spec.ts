import { PeopleStore } from '../src/people.store';

describe(PeopleStore.name, () => {
  it('registers a phone for a person without one and re-registers another, and later lookups return the new number', () => {
    const store = PeopleStore.fromDir();
    const without = store.list().find((p) => !p.bmgPhone)!;
    const withPhone = store.list().find((p) => p.bmgPhone)!;
    const at = new Date('2026-11-22T10:00:00Z');

    expect(store.registerPhone(without.iin, '+77059990012', at)?.bmgPhone).toBe('+77059990012');
    expect(store.find(without.iin)?.bmgPhone).toBe('+77059990012');
    expect(store.phoneRegisteredAtOf(without.iin)).toEqual(at);

    store.registerPhone(withPhone.iin, '+77059990013');
    expect(store.find(withPhone.iin)?.bmgPhone).toBe('+77059990013');
    expect(store.registerPhone('000000000000', '+77059990014')).toBeUndefined();
  });
});
