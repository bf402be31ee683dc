import { OnboardingOtp1763798400000 } from './1763798400000-onboarding-otp';
import { Biometrics1763800000001 } from './1763800000001-biometrics';
import { Pki1763800000002 } from './1763800000002-pki';
import { DocumentScans1763800000003 } from './1763800000003-document-scans';
import { LivenessSessions1763800000009 } from './1763800000009-liveness-sessions';
import { WholePath1763800000010 } from './1763800000010-whole-path';
import { StaffAuth1763800000011 } from './1763800000011-staff-auth';
import { ModerationQueue1763800000012 } from './1763800000012-moderation-queue';
import { FirstHead1763800000013 } from './1763800000013-first-head';
import { AbuseAndMcdb1763800000014 } from './1763800000014-abuse-and-mcdb';
import { PortalAccounts1763800000015 } from './1763800000015-portal-accounts';
import { PkiDeltaCrls1763800000020 } from './1763800000020-pki-delta-crls';

export {
  OnboardingOtp1763798400000,
  Biometrics1763800000001,
  Pki1763800000002,
  DocumentScans1763800000003,
  LivenessSessions1763800000009,
  WholePath1763800000010,
  StaffAuth1763800000011,
  ModerationQueue1763800000012,
  FirstHead1763800000013,
  AbuseAndMcdb1763800000014,
  PortalAccounts1763800000015,
  PkiDeltaCrls1763800000020,
};

/** Every migration in order. */
export const MIGRATIONS = [
  OnboardingOtp1763798400000,
  Biometrics1763800000001,
  Pki1763800000002,
  DocumentScans1763800000003,
  LivenessSessions1763800000009,
  WholePath1763800000010,
  StaffAuth1763800000011,
  ModerationQueue1763800000012,
  FirstHead1763800000013,
  AbuseAndMcdb1763800000014,
  PortalAccounts1763800000015,
  PkiDeltaCrls1763800000020,
];
