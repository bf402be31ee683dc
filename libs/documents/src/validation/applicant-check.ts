import type { DocumentReadResult } from '../reader/document-reader';
import type { ConfirmableField } from '../types';
import type { CrossCheckName } from './cross-check';
import { decodeIin } from './iin-facts';

/** How an uploaded document relates to the application it was uploaded for. */
export type ApplicantDocumentOutcome = 'match' | 'other_person' | 'inconsistent';

export interface ApplicantDocumentCheck {
  readonly outcome: ApplicantDocumentOutcome;
  /** The IIN the document carries (zone first, then front), or null when none could be read. */
  readonly documentIin: string | null;
  /** Why the outcome is not `match`, in plain English for the moderator. */
  readonly reasons: readonly string[];
  readonly failedChecks: readonly CrossCheckName[];
  /** The document's validity has ended (the register match must refuse it). */
  readonly expired: boolean;
  /** Fields the applicant should look at before confirming (seed 002 step 17). */
  readonly lowConfidenceFields: readonly ConfirmableField[];
}

/**
 * Decides whether a read document belongs to the applicant: `other_person` when it carries another
 * IIN, `inconsistent` when its sides, check digits or IIN disagree with each other (possible
 * tampering or a bad read — send to moderation), `match` otherwise. Never throws for a bad document.
 */
export function validateAgainstApplicant(result: DocumentReadResult, applicant: { readonly iin: string }): ApplicantDocumentCheck {
  const zone = result.mrz?.parsed ?? null;
  const zoneIin = zone?.valid && decodeIin(zone.personalNumber)?.checksumValid ? zone.personalNumber : null;
  const frontIin = result.fields.find((f) => f.name === 'iin');
  const frontValue = frontIin && decodeIin(frontIin.value)?.checksumValid ? frontIin.value : null;
  const documentIin = zoneIin ?? frontValue;
  const expired = result.crossChecks.some((c) => c.name === 'not_expired' && c.status === 'fail');
  const lowConfidenceFields = result.fields.filter((f) => f.lowConfidence).map((f) => f.name);
  const base = { documentIin, expired, lowConfidenceFields };

  if (documentIin && documentIin !== applicant.iin) {
    return { ...base, outcome: 'other_person', reasons: [`the document belongs to IIN ${documentIin}, the application is for ${applicant.iin}`], failedChecks: [] };
  }
  const reasons: string[] = [];
  if (!documentIin) reasons.push('no valid IIN could be read from the document');
  if (zone && !zone.valid) {
    for (const c of zone.checks) if (!c.valid) reasons.push(`machine-readable zone: ${c.field} check digit is ${c.printed}, computed ${c.computed}`);
    for (const why of zone.implausible) reasons.push(`machine-readable zone: ${why}`);
    if (zone.checks.every((c) => c.valid) && zone.implausible.length === 0) reasons.push('machine-readable zone: a date in it is impossible');
  }
  if (!result.mrz && result.type === 'id_card') reasons.push('the back of the ID card was not read, so nothing could be cross-checked');
  const failedChecks = result.crossChecks.filter((c) => c.status === 'fail' && c.name !== 'not_expired');
  for (const c of failedChecks) reasons.push(`${c.name}: ${c.detail}`);
  return { ...base, outcome: reasons.length ? 'inconsistent' : 'match', reasons, failedChecks: failedChecks.map((c) => c.name) };
}
