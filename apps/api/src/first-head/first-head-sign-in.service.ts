import { Inject, Injectable } from '@nestjs/common';
import { PKI, type Pki } from '@app/pki';
import { AuditJournal } from '../auth/audit-journal';
import { SessionService } from '../auth/session.service';
import { SignatureChallenges, type IssuedChallenge } from '../auth/signature-challenges';
import { maskIin } from '../auth/principal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { LegalEntityAuthority, type FirstHeadCapacity } from './legal-entity-authority';
import { verifyDetached } from '../auth/signature-check';

export type { IssuedChallenge } from '../auth/signature-challenges';

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
    private readonly challenges: SignatureChallenges,
    @Inject(PKI) private readonly pki: Pki,
    private readonly authority: LegalEntityAuthority,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  issueChallenge(): Promise<IssuedChallenge> {
    return this.challenges.issue('first-head-sign-in', this.config.FIRST_HEAD_CHALLENGE_TTL_SECONDS);
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
    const challenge = await this.challenges.consume(challengeId, 'first-head-sign-in');
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
}
