import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, registerSimulatorSchema } from '@app/config';
import { createLogger } from '@app/observability';
import { PeopleStore } from './people.store';
import { RegisterSimulatorModule } from './register-simulator.module';

/** The state-register simulator: stands in for the government systems (БМГ, later ГБД ФЛ / ГБД ЮЛ) over HTTP. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(registerSimulatorSchema, 'register-simulator');
  const logger = createLogger(config, 'register-simulator');
  const people = PeopleStore.fromFile(config.REGISTER_SIM_PEOPLE_FILE);
  const app = await NestFactory.create(RegisterSimulatorModule.forRoot({ apiKey: config.REGISTER_API_KEY, people, logger }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  app.enableShutdownHooks();
  await app.listen(config.REGISTER_SIM_PORT, config.REGISTER_SIM_HOST);
  logger.info({ port: config.REGISTER_SIM_PORT, people: people.list().length }, 'register simulator listening');
}

void bootstrap();
