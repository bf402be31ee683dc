import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditJournal } from './audit-journal';
import { AuthGuard } from './auth.guard';
import { SessionService } from './session.service';
import { SignatureChallenges } from './signature-challenges';
import { StaffAccountsProvider, StaffController } from './staff.controller';

/** Deny by default (the global AuthGuard), sessions, signature challenges, the audit journal and the staff accounts. */
@Global()
@Module({
  controllers: [StaffController],
  providers: [SessionService, AuditJournal, SignatureChallenges, StaffAccountsProvider, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionService, AuditJournal, SignatureChallenges, StaffAccountsProvider],
})
export class AuthModule {}
