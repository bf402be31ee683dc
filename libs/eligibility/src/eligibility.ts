import { CERTIFICATE_TEMPLATES, type CertificateTemplate } from '@app/contracts';
import type { EmployeeRole, LegalEntityRecord, PersonRecord } from '@app/registers';

export type IneligibilityReason =
  | 'person_not_found'
  | 'deceased'
  | 'iin_excluded'
  | 'incapacitated'
  | 'prosecutor_record'
  | 'not_citizen'
  | 'legal_entity_not_found'
  | 'legal_entity_liquidated'
  | 'not_in_legal_entity'
  | 'template_not_allowed';

export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibilityReason; code?: number; message: string };

const ELIGIBLE: Eligibility = { eligible: true };

/** Seed 000 Appendix 2, Condition 1 and Requirement 6: the exact wording, with the code in brackets. */
export function populationDepartmentMessage(code: number): string {
  const bracket = code === 9 ? '(код:9)' : `(код: ${code})`;
  return `Невозможно создать учетную запись по введенному ИИН. За разъяснениями необходимо обратиться в отдел документирования населения в ЦОН ${bracket}`;
}

/** Seed 000 §III: a person on the General Prosecutor's record (capacity code 4, convicted under arts. 192, 216, 217). */
export const PROSECUTOR_RECORD_MESSAGE =
  'Невозможно создать учетную запись по введенному значению ИИН. За разъяснениями необходимо обратиться в Управление Комитета по правовой статистике и ' +
  'специальным учетам Генеральной прокуратуры Республики Казахстан http://www.pravstat.kz';

/** Seed 002, «Информация об услуге»: remote issuance needs citizenship. */
export const NOT_CITIZEN_MESSAGE = 'Для возможности удаленного получения ЭЦП Вы должны быть гражданином Республики Казахстан';

export const INCAPACITATED_MESSAGE =
  'Удаленное получение ЭЦП недоступно: по данным государственной базы данных «Физические лица» лицо признано недееспособным. Обратитесь в ЦОН.';

export const PERSON_NOT_FOUND_MESSAGE = 'ИИН не найден в государственной базе данных «Физические лица». Обратитесь в отдел документирования населения в ЦОН.';

/**
 * The register rules of seed 000 Appendix 2 and §III, which every account and application must pass:
 * life status first (code 9), then the IIN exclusion codes 1–8 (9 too, the register's own code for
 * death), then the General Prosecutor's record (capacity code 4). Portal registration applies these.
 */
export function registerRecordEligibility(person: PersonRecord | null): Eligibility {
  if (!person) return { eligible: false, reason: 'person_not_found', message: PERSON_NOT_FOUND_MESSAGE };
  if (person.lifeStatus === 9 || person.exclusionCode === 9) return { eligible: false, reason: 'deceased', code: 9, message: populationDepartmentMessage(9) };
  if (person.exclusionCode !== null) return { eligible: false, reason: 'iin_excluded', code: person.exclusionCode, message: populationDepartmentMessage(person.exclusionCode) };
  if (person.capacityCode === 4) return { eligible: false, reason: 'prosecutor_record', code: 4, message: PROSECUTOR_RECORD_MESSAGE };
  return ELIGIBLE;
}

/**
 * May this person get a certificate remotely? The register rules above, then legal capacity and
 * citizenship (seed 002: remote issuance is for citizens who may sign for themselves).
 */
export function personEligibility(person: PersonRecord | null): Eligibility {
  const record = registerRecordEligibility(person);
  if (!record.eligible) return record;
  if (person!.capacityCode === 3) return { eligible: false, reason: 'incapacitated', code: 3, message: INCAPACITATED_MESSAGE };
  if (person!.citizenship !== 'KZ') return { eligible: false, reason: 'not_citizen', message: NOT_CITIZEN_MESSAGE };
  return ELIGIBLE;
}

/** Which roles in the organisation a legal-entity template needs (any one of them). */
const ROLES_FOR_TEMPLATE: Record<Exclude<CertificateTemplate, 'individual' | 'legal_entity_first_head'>, EmployeeRole[] | 'any'> = {
  legal_entity_employee: 'any',
  legal_entity_signer: ['signing_right'],
  treasury_client: ['signing_right', 'financial_signing_right'],
};


/**
 * May this IIN apply for this template on behalf of this legal entity? The BIN must exist and be
 * active; the IIN must be its first (or acting) head or an employee; the template must fit the role.
 */
export function legalEntityEligibility(entity: LegalEntityRecord | null, iin: string, template: CertificateTemplate): Eligibility {
  if (!entity) return { eligible: false, reason: 'legal_entity_not_found', message: 'БИН не найден в государственной базе данных «Юридические лица»' };
  if (entity.state !== 'active') return { eligible: false, reason: 'legal_entity_liquidated', message: 'Юридическое лицо с указанным БИН ликвидировано: выпуск ЭЦП невозможен' };
  const isHead = entity.firstHeadIin === iin || entity.actingHeadIin === iin;
  const employee = entity.employees.find((e) => e.iin === iin);
  if (!isHead && !employee) return { eligible: false, reason: 'not_in_legal_entity', message: 'Указанный ИИН не является руководителем или сотрудником организации с указанным БИН' };
  if (template === 'individual') return { eligible: false, reason: 'template_not_allowed', message: 'Для юридического лица выберите шаблон юридического лица' };
  if (template === 'legal_entity_first_head') {
    return isHead ? ELIGIBLE : { eligible: false, reason: 'template_not_allowed', message: `Шаблон «${CERTIFICATE_TEMPLATES[template]}» доступен только первому руководителю организации` };
  }
  const needed = ROLES_FOR_TEMPLATE[template];
  if (isHead || needed === 'any' || employee!.roles.some((role) => needed.includes(role))) return ELIGIBLE;
  return { eligible: false, reason: 'template_not_allowed', message: `Шаблон «${CERTIFICATE_TEMPLATES[template]}» требует права подписи в организации` };
}
