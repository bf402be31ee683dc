import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, smsSimulatorSchema } from '@app/config';
import { createLogger } from '@app/observability';
import { SmsSimulatorModule } from './sms-simulator.module';

/** A local Twilio-compatible endpoint: the real twilio SDK talks to it in development and tests. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(smsSimulatorSchema, 'sms-simulator');
  const logger = createLogger(config, 'sms-simulator');
  const app = await NestFactory.create(
    SmsSimulatorModule.forRoot({ credentials: { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN }, logger }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.SMS_SIM_PORT, config.SMS_SIM_HOST);
  logger.info({ port: config.SMS_SIM_PORT }, 'Twilio-compatible endpoint listening');
}

void bootstrap();
