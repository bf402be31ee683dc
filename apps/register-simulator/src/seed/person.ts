/** A person as the simulated state systems know them. Issue 3 extends this with the ГБД ФЛ record. */
export interface SeededPerson {
  iin: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  /** Phone registered in the mobile citizens database (БМГ), E.164; null when none. */
  bmgPhone: string | null;
}
