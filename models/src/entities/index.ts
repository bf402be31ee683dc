import { Application } from './application.entity';
import { AuditJournalEntry, AuthSession, StaffAccount } from './auth.entities';
import { ApplicationStatusEvent } from './application-status-event.entity';
import { BiometricSampleEntity } from './biometric-sample.entity';
import { CaAuthorityEntity } from './ca-authority.entity';
import { CaCertificateEntity } from './ca-certificate.entity';
import { CaCrlEntity } from './ca-crl.entity';
import { CaUsedCsrEntity } from './ca-used-csr.entity';
import { DocumentScanEntity } from './document-scan.entity';
import { FirstHeadApprovalEvidence, FirstHeadApprovalRow, FirstHeadChallenge } from './first-head.entities';
import { NucApplicationEntity } from './nuc-application.entity';
import { NucApplicationStatusEntity } from './nuc-application-status.entity';
import { OtpAuditEntry } from './otp-audit-entry.entity';
import { OtpGuard } from './otp-guard.entity';
import { McdbPhoneRegistration } from './mcdb-phone-registration.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';
import { PortalAccount, PortalAttemptGuard, PortalRegistration } from './portal.entities';
import { DigitalIdPin, ModerationCaseRow, OtpVerifyAttempt, SmsNotification } from './whole-path.entities';

export {
  Application,
  ApplicationStatusEvent,
  BiometricSampleEntity,
  CaAuthorityEntity,
  CaCertificateEntity,
  CaCrlEntity,
  CaUsedCsrEntity,
  DocumentScanEntity,
  NucApplicationEntity,
  NucApplicationStatusEntity,
  OtpAuditEntry,
  OtpGuard,
  DigitalIdPin,
  ModerationCaseRow,
  SmsNotification,
  OtpVerifyAttempt,
  StaffAccount,
  AuthSession,
  AuditJournalEntry,
  FirstHeadApprovalRow,
  FirstHeadApprovalEvidence,
  FirstHeadChallenge,
  RateLimitCounter,
  McdbPhoneRegistration,
  PortalAccount,
  PortalRegistration,
  PortalAttemptGuard,
};
export { STAFF_ROLES, type JsonFields, type SessionKind, type StaffRole } from './auth.entities';
export type { OtpFailureReason } from './otp-audit-entry.entity';
export type { McdbRegistrationStatus } from './mcdb-phone-registration.entity';
export type { PortalAttemptPurpose, PortalRegistrationStage } from './portal.entities';

/** The certification authority's entities (TypeOrmModule.forFeature in PkiModule). */
export const PKI_ENTITIES = [CaAuthorityEntity, CaCertificateEntity, CaCrlEntity, CaUsedCsrEntity, NucApplicationEntity, NucApplicationStatusEntity];

/** Every entity, listed explicitly (globs behave differently under ts and compiled js). */
export const ENTITIES = [Application, ApplicationStatusEvent, OtpGuard, OtpAuditEntry, BiometricSampleEntity, DocumentScanEntity, DigitalIdPin, ModerationCaseRow, SmsNotification, OtpVerifyAttempt, StaffAccount, AuthSession, AuditJournalEntry, FirstHeadApprovalRow, FirstHeadApprovalEvidence, FirstHeadChallenge, RateLimitCounter, McdbPhoneRegistration, PortalAccount, PortalRegistration, PortalAttemptGuard, ...PKI_ENTITIES];
