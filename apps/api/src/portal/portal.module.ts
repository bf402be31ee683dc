import { Module } from '@nestjs/common';
import { PasswordRecoveryService } from './password-recovery.service';
import { PortalAccountLife } from './portal-account-life';
import { PortalAttemptGuards } from './portal-attempt-guards';
import { PORTAL_DEPENDENCIES } from './portal-dependencies';
import { PortalRegistrationController } from './portal-registration.controller';
import { PortalServicesController } from './portal-services.controller';
import { PortalSessionsController } from './portal-sessions.controller';
import { PASSWORD_HASHING_PROVIDER, PortalSignInService } from './portal-sign-in.service';
import { ServiceHistoryService } from './service-history.service';
import { TemporaryRegistrationService } from './temporary-registration.service';

/** Portal accounts (seeds 000/001): registration, sign-in, password recovery, the service history. */
@Module({
  controllers: [PortalRegistrationController, PortalSessionsController, PortalServicesController],
  providers: [
    ...PORTAL_DEPENDENCIES,
    PASSWORD_HASHING_PROVIDER,
    PortalAttemptGuards,
    PortalAccountLife,
    TemporaryRegistrationService,
    PortalSignInService,
    PasswordRecoveryService,
    ServiceHistoryService,
  ],
})
export class PortalModule {}
