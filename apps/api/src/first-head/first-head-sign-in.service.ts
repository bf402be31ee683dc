import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { FirstHeadChallenge } from '@app/models';
import { PKI, type Pki } from '@app/pki';
import { AuditJournal } from '../auth/audit-journal';
import { SessionService } from '../auth/session.service';
import { maskIin } from '../auth/principal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { LegalEntityAuthority, type FirstHeadCapacity } from './legal-entity-authority';
import { verifyDetached } from './signature-check';

export interface IssuedChallenge {
  challengeId: string;
  /** The exact text to sign (UTF-8), detached CMS, with the AUTH certificate. */
  challenge: string;
  expiresAt: string;
}

export interface FirstHeadSessionView {
  token: string;
  expiresAt: string;
  iinMasked: string;
  bin: string;
  organizationName: string;
  capacity: FirstHeadCapacity;
}

/**
 * A first head signs in by signing a random server challenge with their AUTH certificate (seed 002
 * step 27: the first head's cabinet; NCALayer signs in the browser). The challenge is stored
 * server-side, expires, and is used once whatever the outcome.
 */
@Injectable()
export class FirstHeadSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PKI) private readonly pki: Pki,
    private readonly authority: LegalEntityAuthority,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async issueChallenge(): Promise<IssuedChallenge> {
    const id = randomUUID();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.FIRST_HEAD_CHALLENGE_TTL_SECONDS * 1000);
    const challenge = `first-head-sign-in:${id}:${randomBytes(32).toString('base64url')}`;
    await this.dataSource.getRepository(FirstHeadChallenge).insert({ id, challenge, expiresAt, usedAt: null, createdAt: now });
    return { challengeId: id, challenge, expiresAt: expiresAt.toISOString() };
  }

  async signIn(challengeId: string, signature: string, clientAddress: string): Promise<FirstHeadSessionView> {
    try {
      return await this.verifiedSignIn(challengeId, signature, clientAddress);
    } catch (error) {
      if (error instanceof ApiError) {
        await this.journal.record({ actor: { kind: 'anonymous' }, action: 'first_head.sign_in_refused', target: challengeId, detail: { code: error.code, reason: typeof error.details.reason === 'string' ? error.details.reason : '' }, clientAddress });
      }
      throw error;
    }
  }

  private async verifiedSignIn(challengeId: string, signature: string, clientAddress: string): Promise<FirstHeadSessionView> {
    const challenge = await this.consume(challengeId);
    const signer = await verifyDetached(this.pki, signature, challenge);
    if (signer.certificateKind !== 'AUTH') throw new ApiError(ApiErrorCode.CertificateRefused, 'Для входа подпишите вызов сертификатом AUTH (аутентификации), не SIGN / sign in with your AUTH certificate', { reason: 'not_auth' });
    if (!signer.bin) throw new ApiError(ApiErrorCode.Forbidden, 'Это сертификат физического лица: войдите сертификатом юридического лица (с БИН) / sign in with a legal-entity certificate', { reason: 'not_legal_entity' });
    const { entity, capacity } = await this.authority.assertMayDecide(signer.iin, signer.bin);
    const session = await this.sessions.open({
      kind: 'first_head',
      subjectId: `${signer.iin}:${signer.bin}`,
      data: { certificateSerial: signer.certificateSerial, capacity },
      ttlSeconds: this.config.FIRST_HEAD_SESSION_TTL_SECONDS,
      clientAddress,
    });
    await this.journal.record({
      actor: { kind: 'first_head', iin: signer.iin, bin: signer.bin, certificateSerial: signer.certificateSerial, sessionId: session.sessionId },
      action: 'first_head.sign_in',
      target: signer.bin,
      detail: { capacity, certificateSerial: signer.certificateSerial },
      clientAddress,
    });
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), iinMasked: maskIin(signer.iin), bin: signer.bin, organizationName: entity.name, capacity };
  }

  /** Marks the challenge used (once, before the signature is looked at) and returns its text. */
  private async consume(id: string): Promise<string> {
    const repository = this.dataSource.getRepository(FirstHeadChallenge);
    const now = new Date();
    const taken = await repository.update({ id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (!taken.affected) throw new ApiError(ApiErrorCode.Unauthenticated, 'Вызов для входа неизвестен, уже использован или истёк: запросите новый / the challenge is unknown, used or expired; ask for a new one', { reason: 'challenge' });
    return (await repository.findOneByOrFail({ id })).challenge;
  }
}
