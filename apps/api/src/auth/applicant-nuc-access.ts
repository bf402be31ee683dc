import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { Application } from '@app/models';
import type { NucApplicantAccess } from '@app/pki';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { applicationTokenMatches } from './application-token';

/** The НУЦ status page shows the identity to the onboarding application's own token (the one linked to that number). */
@Injectable()
export class ApplicantTokenNucAccess implements NucApplicantAccess {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  async isApplicant(applicationNumber: string, request: Request): Promise<boolean> {
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return false;
    const application = await this.dataSource.getRepository(Application).findOneBy({ nucApplicationNumber: applicationNumber });
    return !!application && applicationTokenMatches(this.key, application, token);
  }
}
