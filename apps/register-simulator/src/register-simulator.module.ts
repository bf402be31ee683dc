import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { httpLoggingOptions } from '@app/observability';
import { ApiKeyGuard, REGISTER_API_KEY } from './api-key.guard';
import { BmgController } from './bmg.controller';
import { DevController } from './dev.controller';
import { FACES_DIR, GbdController } from './gbd.controller';
import { OutageState, OutageSwitch } from './outage';
import { HealthController } from './health.controller';
import { PeopleStore } from './people.store';

@Module({})
export class RegisterSimulatorModule {
  static forRoot(options: { apiKey: string; people: PeopleStore; facesDir: string; logger: Logger }): DynamicModule {
    return {
      module: RegisterSimulatorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(options.logger) })],
      controllers: [BmgController, GbdController, DevController, HealthController],
      providers: [
        { provide: REGISTER_API_KEY, useValue: options.apiKey },
        { provide: PeopleStore, useValue: options.people },
        { provide: FACES_DIR, useValue: options.facesDir },
        ApiKeyGuard,
        OutageState,
        OutageSwitch,
      ],
    };
  }
}
