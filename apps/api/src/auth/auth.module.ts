import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditJournal } from './audit-journal';
import { AuthGuard } from './auth.guard';
import { SessionService } from './session.service';
import { StaffAccountsProvider, StaffController } from './staff.controller';

/** Deny by default (the global AuthGuard), sessions, the audit journal and the staff accounts. */
@Global()
@Module({
  controllers: [StaffController],
  providers: [SessionService, AuditJournal, StaffAccountsProvider, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionService, AuditJournal, StaffAccountsProvider],
})
export class AuthModule {}
