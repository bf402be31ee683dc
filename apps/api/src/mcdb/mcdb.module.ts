import { Module } from '@nestjs/common';
import { TwilioSmsSender } from '@app/messaging';
import { HttpMobileCitizenRegistry, HttpStateRegisterClient, type RegisterHttpOptions } from '@app/registers';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { McdbRegistrationsController } from './mcdb-registrations.controller';
import { McdbRegistrationsService } from './mcdb-registrations.service';
import { MCDB_SMS, MOBILE_CITIZEN_REGISTRY, STATE_REGISTER } from './mcdb-tokens';

const registerHttp = (config: ApiConfig): RegisterHttpOptions => ({ baseUrl: config.REGISTER_URL, apiKey: config.REGISTER_API_KEY, timeoutMs: config.REGISTER_TIMEOUT_MS });

/** The БМГ operator's phone registrations: the registers' HTTP clients and the SMS path the codes take. */
@Module({
  controllers: [McdbRegistrationsController],
  providers: [
    McdbRegistrationsService,
    { provide: MOBILE_CITIZEN_REGISTRY, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new HttpMobileCitizenRegistry(registerHttp(config)) },
    { provide: STATE_REGISTER, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new HttpStateRegisterClient(registerHttp(config)) },
    {
      provide: MCDB_SMS,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        new TwilioSmsSender({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, from: config.SMS_SENDER, apiBaseUrl: config.TWILIO_API_BASE_URL }),
    },
  ],
})
export class McdbModule {}
