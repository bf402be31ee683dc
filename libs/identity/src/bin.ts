import { hasValidControlDigit } from './check-digit';

export type BinEntityType = 'resident' | 'non_resident' | 'individual_entrepreneur';

export interface BinFacts {
  registeredYearMonth: string; // YY-MM as encoded
  entityType: BinEntityType;
  attribute: number; // 0 head office, 1 branch, 2 representative office, 3 peasant farm
}

const ENTITY_TYPE_BY_DIGIT: Record<string, BinEntityType> = { '4': 'resident', '5': 'non_resident', '6': 'individual_entrepreneur' };

/** Parses a business identification number: YYMM, entity type (4/5/6), attribute (0–3), 5 digits, control digit. */
export function parseBin(value: string): { valid: true; facts: BinFacts } | { valid: false } {
  if (!/^\d{12}$/.test(value)) return { valid: false };
  const month = Number(value.slice(2, 4));
  const entityType = ENTITY_TYPE_BY_DIGIT[value[4]];
  const attribute = Number(value[5]);
  if (month < 1 || month > 12 || !entityType || attribute > 3 || !hasValidControlDigit(value)) return { valid: false };
  return { valid: true, facts: { registeredYearMonth: `${value.slice(0, 2)}-${value.slice(2, 4)}`, entityType, attribute } };
}

export function isValidBin(value: string): boolean {
  return parseBin(value).valid;
}
