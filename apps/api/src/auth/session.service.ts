import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { keyedHash, keyedHashMatches } from '@app/crypto';
import { AuthSession, type JsonFields, type SessionKind } from '@app/models';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

/** Session tokens name their kind: `stf.<id>.<secret>` (staff), `fh.<id>.<secret>` (first head), `ctz.<id>.<secret>` (a citizen on the portal). */
const PREFIX: Record<SessionKind, string> = { staff: 'stf', first_head: 'fh', citizen: 'ctz' };
const KIND_BY_PREFIX = Object.fromEntries(Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind])) as Record<string, SessionKind>;
const TOKEN = /^(stf|fh|ctz)\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
/** last_seen_at is written at most this often (a read per request, a write per minute). */
const TOUCH_EVERY_MS = 60_000;

export interface OpenedSession {
  sessionId: string;
  token: string;
  expiresAt: Date;
}

export interface NewSession {
  kind: SessionKind;
  subjectId: string;
  data?: JsonFields;
  ttlSeconds: number;
  clientAddress: string;
}

/** Which kind of session a bearer token claims to be, from its shape alone (nothing is checked). */
export function sessionKindOf(token: string): SessionKind | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  return KIND_BY_PREFIX[match[1]];
}

/**
 * Server-side sessions of staff, first heads and citizens on the portal. The token is shown once; MySQL keeps only its keyed
 * hash. A session ends at its absolute expiry, after the idle timeout, or when revoked.
 */
@Injectable()
export class SessionService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  async open(input: NewSession): Promise<OpenedSession> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
    await this.dataSource.getRepository(AuthSession).insert({
      id,
      kind: input.kind,
      subjectId: input.subjectId,
      tokenHash: keyedHash(this.key, `session:${id}:${secret}`),
      data: input.data ?? null,
      clientAddress: input.clientAddress.slice(0, 64),
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      revokedAt: null,
    });
    return { sessionId: id, token: `${PREFIX[input.kind]}.${id}.${secret}`, expiresAt };
  }

  /** The live session this token opens, or null (unknown, wrong kind, expired, idle too long, revoked). */
  async resolve(token: string, kind: SessionKind): Promise<AuthSession | null> {
    const match = TOKEN.exec(token);
    if (!match || match[1] !== PREFIX[kind]) return null;
    const [, , id, secret] = match;
    const repository = this.dataSource.getRepository(AuthSession);
    const session = await repository.findOneBy({ id, kind, revokedAt: IsNull() });
    if (!session || !keyedHashMatches(this.key, `session:${id}:${secret}`, session.tokenHash)) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) return null;
    const idleSeconds = this.idleSeconds(kind);
    if (idleSeconds !== null && session.lastSeenAt.getTime() + idleSeconds * 1000 <= now) return null;
    if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await repository.update({ id }, { lastSeenAt: new Date(now) });
    return session;
  }

  /** Staff and citizen sessions also end when unused this long; a first head's only at its expiry. */
  private idleSeconds(kind: SessionKind): number | null {
    switch (kind) {
      case 'staff':
        return this.config.STAFF_SESSION_IDLE_SECONDS;
      case 'citizen':
        return this.config.PORTAL_SESSION_IDLE_SECONDS;
      case 'first_head':
        return null;
    }
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(AuthSession).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of a subject (an account disabled, a password changed). */
  async revokeAllOf(kind: SessionKind, subjectId: string): Promise<number> {
    const result = await this.dataSource.getRepository(AuthSession).update({ kind, subjectId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }
}
