import type { Provider } from '@nestjs/common';
import { SmtpMailSender } from '@app/mail';
import { HttpLegalEntityRegisterClient, HttpStateRegisterClient } from '@app/registers';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

/** The portal's outside systems, injected by these tokens (tests of the services pass fakes). */
export const MAIL_SENDER = Symbol('MAIL_SENDER');
export const PEOPLE_REGISTER = Symbol('PEOPLE_REGISTER');
export const LEGAL_ENTITY_REGISTER = Symbol('LEGAL_ENTITY_REGISTER');

const registerHttp = (config: ApiConfig) => ({ baseUrl: config.REGISTER_URL, apiKey: config.REGISTER_API_KEY, timeoutMs: config.REGISTER_TIMEOUT_MS });

export const PORTAL_DEPENDENCIES: Provider[] = [
  { provide: MAIL_SENDER, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new SmtpMailSender({ url: config.SMTP_URL, from: config.MAIL_FROM }) },
  { provide: PEOPLE_REGISTER, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new HttpStateRegisterClient(registerHttp(config)) },
  { provide: LEGAL_ENTITY_REGISTER, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new HttpLegalEntityRegisterClient(registerHttp(config)) },
];
