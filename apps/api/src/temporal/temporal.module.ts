import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalConnectionSettings } from '@app/config';
import { encryptedDataConverter } from '@app/temporal-codec';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

/**
 * The Temporal client. The connection is lazy: the API boots without Temporal and reports it in
 * /health/ready instead; it never starts workflows during dependency injection.
 */
@Injectable()
export class TemporalClient implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.connection = Connection.lazy(temporalConnectionSettings(config));
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(config.TEMPORAL_PAYLOAD_KEYS) });
    this.taskQueue = config.TEMPORAL_TASK_QUEUE;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalClient], exports: [TemporalClient] })
export class TemporalModule {}
