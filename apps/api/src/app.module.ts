import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { dataSourceOptions } from '@app/models';
import { httpLoggingOptions } from '@app/observability';
import { PkiModule } from '@app/pki';
import { ApplicationsModule } from './applications/applications.module';
import { ApplicantTokenNucAccess } from './auth/applicant-nuc-access';
import { AuthModule } from './auth/auth.module';
import { BiometricUploadsModule } from './biometrics/biometric-uploads.module';
import { DocumentUploadsModule } from './documents/document-uploads.module';
import { API_CONFIG, type ApiConfig } from './common/config.token';
import { FirstHeadModule } from './first-head/first-head.module';
import { HealthModule } from './health/health.module';
import { McdbModule } from './mcdb/mcdb.module';
import { ModerationModule } from './moderation/moderation.module';
import { OnboardingStepsModule } from './onboarding-steps/onboarding-steps.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { OcspDelegation } from './pki/ocsp-delegation';
import { PortalModule } from './portal/portal.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    // Exported as well: the first-head cabinet verifies signatures and reads applications with it.
    const pki = PkiModule.forRoot({
      // No CA key here: the API reads the CA's certificates and serves what the pki worker signed.
      publishCrlsInProcess: false,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      annulAfterMonths: config.NUC_ANNUL_AFTER_MONTHS,
      certificatePolicy: { cpsUrl: config.PKI_CPS_URL },
      installationRoute: false,
      applicantAccess: ApplicantTokenNucAccess,
    });
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(logger) }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), retryAttempts: 3 }),
        TemporalModule,
        // Before AuthModule: its guard runs first, so floods are counted before any token is looked up.
        RateLimitsModule,
        AuthModule,
        HealthModule,
        ApplicationsModule,
        BiometricUploadsModule,
        DocumentUploadsModule,
        OnboardingStepsModule,
        ModerationModule,
        McdbModule,
        FirstHeadModule,
        PortalModule,
        pki,
      ],
      providers: [{ provide: API_CONFIG, useValue: config }, OcspDelegation],
      exports: [API_CONFIG, pki],
    };
  }
}
