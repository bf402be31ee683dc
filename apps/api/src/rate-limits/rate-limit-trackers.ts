import type { ExecutionContext } from '@nestjs/common';
import { normalizeIp, type ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { RateLimitedRoute } from './rate-limited.decorator';

const IIN = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The client's address: with TRUST_PROXY_HOPS set, the one the proxies forwarded (Express's req.ip). IPv6 by /64. */
export const clientAddress: ThrottlerGetTrackerFunction = (req) => normalizeIp((req as Request).ip ?? 'unknown');

/** The IIN a start is for, when the body has a well-formed one (a malformed one gets its 400 anyway). */
export function iinOfStart(context: ExecutionContext): string | null {
  const iin: unknown = context.switchToHttp().getRequest<Request>().body?.iin;
  return typeof iin === 'string' && IIN.test(iin) ? iin : null;
}

/**
 * How each limited route is counted per IIN. For the code and its resend the IIN is the
 * application's; the application the IIN's latest code went to counts in a window of its own, so
 * other applications of the IIN (anyone can start one) cannot use up its owner's requests.
 */
export function iinTrackers(dataSource: DataSource): Record<Exclude<RateLimitedRoute, 'ocsp' | 'portal'>, ThrottlerGetTrackerFunction> {
  const ofApplication: ThrottlerGetTrackerFunction = async (req) => {
    const id = (req as Request).params.id;
    if (typeof id !== 'string' || !UUID.test(id)) return 'application:malformed';
    const [row] = await dataSource.query<Array<{ iin: string; holder: string | null }>>(
      'SELECT a.iin, g.application_id AS holder FROM applications a LEFT JOIN otp_guards g ON g.iin = a.iin WHERE a.id = ?',
      [id],
    );
    if (!row) return `application:${id}`;
    return row.holder === id ? `${row.iin}:code-holder` : row.iin;
  };
  return {
    start: (_req, context) => iinOfStart(context) ?? 'start:malformed',
    otp: ofApplication,
    otp_resend: ofApplication,
    nuc_status: async (req) => {
      const number = String((req as Request).params.number ?? '');
      const [row] = await dataSource.query<Array<{ iin: string }>>('SELECT iin FROM nuc_applications WHERE number = ?', [number.slice(0, 14)]);
      return row ? row.iin : `nuc:${number.slice(0, 32)}`;
    },
  };
}
