import { Application } from './application.entity';
import { ApplicationStatusEvent } from './application-status-event.entity';
import { OtpAuditEntry } from './otp-audit-entry.entity';
import { OtpGuard } from './otp-guard.entity';

export { Application, ApplicationStatusEvent, OtpAuditEntry, OtpGuard };
export type { OtpFailureReason } from './otp-audit-entry.entity';

/** Every entity, listed explicitly (globs behave differently under ts and compiled js). */
export const ENTITIES = [Application, ApplicationStatusEvent, OtpGuard, OtpAuditEntry];
