import type { createDocumentActivities } from './activities';
export * from './types';
export * from './errors';
export * from './dates';
export * from './layout';
export { SeededRandom } from './generator/seeded-random';
export { sampleHolder, sampleHolders, holderForIin } from './generator/sample-holders';
export { generateDocument, kzIdPlacement, type GeneratedDocument, type GenerateOptions } from './generator/generate-document';
export { generateDocumentForPerson, holderForPerson, type PersonDocument, type PersonDocumentOptions } from './generator/register-person';
export { cardAcross, drawDamage, drawPhotoProfile, photographAt, photographWith, type DamageProfile, type PhotoLevel, type PhotoProfile } from './generator/photograph';
export { MRZ_FONTS, DEFAULT_MRZ_FONT, type MrzFont } from './generator/render-side';
export { fieldValue } from './generator/render-side';
export { DocumentReader, type DocumentReaderOptions, type DocumentReadInput, type DocumentReadResult, type ZoneResult } from './reader/document-reader';
export type { FrontReading } from './reader/field-ocr';
export { DEFAULT_TESSDATA_DIR } from './reader/ocr-pool';
export { checkDocumentImage, type DecodeLimits } from './reader/decode-image';
export { measurePhoto, checkPhotoQuality, PHOTO_QUALITY_LIMITS, type PhotoQuality } from './reader/photo-quality';
export { mrzCheckDigit } from './validation/mrz-check-digit';
export { composeMrz, composeTd1, composeTd3 } from './validation/mrz-compose';
export { parseMrz, MrzFormatError, type ParsedMrz, type CheckDigitResult, type MrzFormat } from './validation/mrz-parse';
export { repairMrzLines } from './validation/mrz-repair';
export { transliterateToMrz, namesAgree, MRZ_TRANSLITERATION } from './validation/transliteration';
export { crossCheck, type CrossCheck, type CrossCheckName } from './validation/cross-check';
export { validateAgainstApplicant, type ApplicantDocumentCheck, type ApplicantDocumentOutcome } from './validation/applicant-check';
export {
  matchAgainstRegister,
  RegisterMismatchCode,
  type ConfirmedFields,
  type RegisterDocumentMatch,
  type RegisterFieldMatch,
  type RegisterMatch,
  type RegisterMatchInput,
  type RegisterMismatch,
} from './validation/register-match';
export {
  createDocumentActivities,
  DOCUMENTS_TASK_QUEUE,
  DOCUMENT_FAILURE_TYPES,
  type DocumentActivityDeps,
  type DocumentReading,
  type DocumentUploads,
  type ReadIdentityDocumentInput,
  type IdentityDocumentReading,
} from './activities';
export { DocumentScanStore, type DocumentSide } from './store/document-scan-store';
export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
