import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, registerSimulatorSchema } from '@app/config';
import { facesDir } from '@app/fixtures';
import { createLogger } from '@app/observability';
import { PeopleStore } from './people.store';
import { RegisterSimulatorModule } from './register-simulator.module';

/** The state-register simulator: stands in for the government systems (БМГ, later ГБД ФЛ / ГБД ЮЛ) over HTTP. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(registerSimulatorSchema, 'register-simulator');
  const logger = createLogger(config, 'register-simulator');
  const people = PeopleStore.fromDir(config.REGISTER_SIM_FIXTURES_DIR);
  const app = await NestFactory.create(RegisterSimulatorModule.forRoot({ apiKey: config.REGISTER_API_KEY, people, facesDir: facesDir(config.REGISTER_SIM_FACES_DIR, 'REGISTER_SIM_FACES_DIR'), logger }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  app.enableShutdownHooks();
  await app.listen(config.REGISTER_SIM_PORT, config.REGISTER_SIM_HOST);
  logger.info({ port: config.REGISTER_SIM_PORT, people: people.list().length, legalEntities: people.listLegalEntities().length }, 'register simulator listening');
}

void bootstrap();
