import { Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BiometricStore, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import { SealedBox } from '@app/crypto';
import { DocumentScanStore } from '@app/documents';
import { ModerationCaseRow } from '@app/models';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { ModerationCasesService } from './moderation-cases.service';
import { ModerationController } from './moderation.controller';
import { ModerationEvidenceService } from './moderation-evidence.service';
import { ModerationQueueService } from './moderation-queue.service';

/** The sealed stores the evidence is opened from, each with its own key from the configuration. */
const STORES = [
  {
    provide: BiometricStore,
    inject: [getDataSourceToken(), API_CONFIG],
    useFactory: (dataSource: DataSource, config: ApiConfig) =>
      new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY')),
  },
  {
    provide: DocumentScanStore,
    inject: [getDataSourceToken(), API_CONFIG],
    useFactory: (dataSource: DataSource, config: ApiConfig) => new DocumentScanStore(dataSource, SealedBox.fromBase64(config.DOCUMENTS_ENCRYPTION_KEY, 'DOCUMENTS_ENCRYPTION_KEY')),
  },
];

@Module({
  imports: [TypeOrmModule.forFeature([ModerationCaseRow])],
  controllers: [ModerationController],
  providers: [...STORES, ModerationCasesService, ModerationQueueService, ModerationEvidenceService],
})
export class ModerationModule {}
