import type { LegalEntityRecord, PersonRecord } from '@app/registers';

/** A person as the simulated state systems hold them: the ГБД ФЛ record, the БМГ phone, the photo file. */
export interface SeededPerson extends PersonRecord {
  /** Phone registered in the mobile citizens database (БМГ), E.164; null when none. */
  bmgPhone: string | null;
  /** File name in fixtures/faces (or REGISTER_SIM_FACES_DIR) used as the register's reference photo. */
  photoFile: string | null;
}

export type SeededLegalEntity = LegalEntityRecord;
