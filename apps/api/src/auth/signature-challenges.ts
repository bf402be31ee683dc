import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Like, MoreThan, type DataSource } from 'typeorm';
import { FirstHeadChallenge } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';

/** What a challenge is for: its text starts with this, so one signed for one purpose opens no other. */
export type ChallengePurpose = 'first-head-sign-in' | 'portal-sign-in' | 'portal-registration';

export interface IssuedChallenge {
  challengeId: string;
  /** The exact text to sign (UTF-8), detached CMS, with the AUTH certificate. */
  challenge: string;
  expiresAt: string;
}

/**
 * Random server challenges for signing in or registering with a certificate (NCALayer signs them in
 * the browser): stored server-side, short-lived, used once whatever the outcome. The table is the
 * first head's, where they began; it holds every purpose's.
 */
@Injectable()
export class SignatureChallenges {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async issue(purpose: ChallengePurpose, ttlSeconds: number): Promise<IssuedChallenge> {
    const id = randomUUID();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    const challenge = `${purpose}:${id}:${randomBytes(32).toString('base64url')}`;
    await this.dataSource.getRepository(FirstHeadChallenge).insert({ id, challenge, expiresAt, usedAt: null, createdAt: now });
    return { challengeId: id, challenge, expiresAt: expiresAt.toISOString() };
  }

  /** Marks the challenge used (once, before the signature is looked at) and returns its text. */
  async consume(id: string, purpose: ChallengePurpose): Promise<string> {
    const repository = this.dataSource.getRepository(FirstHeadChallenge);
    const now = new Date();
    const taken = await repository.update({ id, usedAt: IsNull(), expiresAt: MoreThan(now), challenge: Like(`${purpose}:%`) }, { usedAt: now });
    if (!taken.affected) throw new ApiError(ApiErrorCode.Unauthenticated, 'Вызов для входа неизвестен, уже использован или истёк: запросите новый / the challenge is unknown, used or expired; ask for a new one', { reason: 'challenge' });
    return (await repository.findOneByOrFail({ id })).challenge;
  }
}
