import { Module } from '@nestjs/common';
import { FirstHeadModule } from '../first-head/first-head.module';
import { PasswordRecoveryService } from './password-recovery.service';
import { PortalAccountLife } from './portal-account-life';
import { PortalAttemptGuards } from './portal-attempt-guards';
import { PortalRegistrations } from './portal-registrations';
import { PORTAL_DEPENDENCIES } from './portal-dependencies';
import { PortalRegistrationController } from './portal-registration.controller';
import { PortalServicesController } from './portal-services.controller';
import { PortalSignatureController } from './portal-signature.controller';
import { PortalSignatureService } from './portal-signature.service';
import { PortalSessionsController } from './portal-sessions.controller';
import { PASSWORD_HASHING_PROVIDER, PortalSignInService } from './portal-sign-in.service';
import { ServiceHistoryService } from './service-history.service';
import { TemporaryRegistrationService } from './temporary-registration.service';

/** Portal accounts (seeds 000/001): registration and sign-in with a password or a signature, password recovery, the service history. */
@Module({
  imports: [FirstHeadModule],
  controllers: [PortalRegistrationController, PortalSessionsController, PortalSignatureController, PortalServicesController],
  providers: [
    ...PORTAL_DEPENDENCIES,
    PASSWORD_HASHING_PROVIDER,
    PortalAttemptGuards,
    PortalAccountLife,
    PortalRegistrations,
    TemporaryRegistrationService,
    PortalSignInService,
    PasswordRecoveryService,
    PortalSignatureService,
    ServiceHistoryService,
  ],
})
export class PortalModule {}
