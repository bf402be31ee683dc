import { IsNull, LessThan, type DataSource, type Repository } from 'typeorm';
// The entities index of @app/models is owned by the app; import the entity file directly (as libs/pki does).
import { BiometricSampleEntity } from '@app/models';
import type { BiometricSampleRepository, SealedBiometricSample } from './biometric-store';

/** BiometricSampleRepository on MySQL/MariaDB through TypeORM (table `biometric_samples`). */
export class TypeOrmBiometricSampleRepository implements BiometricSampleRepository {
  private readonly repo: Repository<BiometricSampleEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(BiometricSampleEntity);
  }

  async insert(sample: SealedBiometricSample): Promise<void> {
    await this.repo.insert(sample);
  }

  async findById(id: string): Promise<SealedBiometricSample | null> {
    return this.repo.findOneBy({ id });
  }

  async findSessionFrames(applicationId: string, sessionId: string): Promise<Array<{ id: string; createdAt: Date }>> {
    return this.repo.find({ select: { id: true, createdAt: true }, where: { applicationId, livenessSessionId: sessionId, kind: 'liveness_frame' }, order: { createdAt: 'ASC' } });
  }

  async findFirstOfKind(applicationId: string, kind: string): Promise<{ id: string } | null> {
    return this.repo.findOne({ select: { id: true }, where: { applicationId, kind }, order: { createdAt: 'ASC' } });
  }

  async updateSealedDescriptor(id: string, sealedDescriptor: Buffer): Promise<boolean> {
    const result = await this.repo.update({ id }, { sealedDescriptor });
    return (result.affected ?? 0) > 0;
  }

  async markDecided(applicationId: string, decidedAt: Date): Promise<number> {
    const result = await this.repo.update({ applicationId, decidedAt: IsNull() }, { decidedAt });
    return result.affected ?? 0;
  }

  async deleteDecidedBefore(cutoff: Date): Promise<number> {
    const result = await this.repo.delete({ decidedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
