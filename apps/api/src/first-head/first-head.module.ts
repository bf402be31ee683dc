import { Module } from '@nestjs/common';
import { HttpLegalEntityRegisterClient } from '@app/registers';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { FirstHeadCabinetController, FirstHeadSignInController } from './first-head.controller';
import { FirstHeadCabinetService } from './first-head-cabinet.service';
import { FirstHeadSignInService } from './first-head-sign-in.service';
import { LEGAL_ENTITY_REGISTER, LegalEntityAuthority } from './legal-entity-authority';

/** The first head's sign-in with a certificate and their cabinet of employees' applications (seed 002 steps 26–27). */
@Module({
  controllers: [FirstHeadSignInController, FirstHeadCabinetController],
  providers: [
    {
      provide: LEGAL_ENTITY_REGISTER,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => new HttpLegalEntityRegisterClient({ baseUrl: config.REGISTER_URL, apiKey: config.REGISTER_API_KEY, timeoutMs: config.REGISTER_TIMEOUT_MS }),
    },
    LegalEntityAuthority,
    FirstHeadSignInService,
    FirstHeadCabinetService,
  ],
  // The portal asks it too: who may register a legal entity's account with a signature.
  exports: [LegalEntityAuthority],
})
export class FirstHeadModule {}
