import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { dataSourceOptions } from '@app/models';
import { httpLoggingOptions } from '@app/observability';
import { ApplicationsModule } from './applications/applications.module';
import { API_CONFIG, type ApiConfig } from './common/config.token';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(logger) }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), retryAttempts: 3 }),
        TemporalModule,
        HealthModule,
        ApplicationsModule,
      ],
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
