import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { httpLoggingOptions } from '@app/observability';
import { MessageStore } from './message.store';
import { TWILIO_CREDENTIALS, TwilioMessagesController, type TwilioCredentials } from './twilio-messages.controller';

@Module({})
export class SmsSimulatorModule {
  static forRoot(options: { credentials: TwilioCredentials; logger: Logger }): DynamicModule {
    return {
      module: SmsSimulatorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(options.logger) })],
      controllers: [TwilioMessagesController],
      providers: [MessageStore, { provide: TWILIO_CREDENTIALS, useValue: options.credentials }],
    };
  }
}
