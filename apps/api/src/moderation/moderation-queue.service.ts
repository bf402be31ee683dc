import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { queueStatus, type ModerationCaseStatus, type ModerationQueueStatus, type ModerationReason } from '@app/contracts';
import { ModerationCaseRow } from '@app/models';
import type { QueueQueryDto } from './dto/moderation.dto';

export interface QueueItem {
  caseId: string;
  applicationId: string;
  template: string;
  reasons: ModerationReason[];
  status: ModerationQueueStatus;
  escalated: boolean;
  openedAt: string;
  escalatedAt: string | null;
  /** The live claim, if any: who holds the case and until when. */
  claim: { moderator: string; until: string } | null;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The moderators' queue, read from the MySQL projection the case workflows write: not decided by
 * default, escalated cases first, then the oldest first. `claimed` is a live lease; once it runs out
 * the case is open (or escalated) again without anyone writing.
 */
@Injectable()
export class ModerationQueueService {
  constructor(@InjectRepository(ModerationCaseRow) private readonly cases: Repository<ModerationCaseRow>) {}

  async list(filter: QueueQueryDto, now: Date = new Date()): Promise<QueuePage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const query = this.cases.createQueryBuilder('c').setParameter('now', now);
    const leaseLive = 'c.lease_expires_at IS NOT NULL AND c.lease_expires_at > :now';
    switch (filter.status) {
      case undefined:
        query.where(`c.status <> 'decided'`);
        break;
      case 'decided':
        query.where(`c.status = 'decided'`);
        break;
      case 'claimed':
        query.where(`c.status <> 'decided' AND ${leaseLive}`);
        break;
      default:
        query.where(`c.status = :status AND NOT (${leaseLive})`, { status: filter.status });
    }
    if (filter.reason) query.andWhere('FIND_IN_SET(:reason, c.reasons) > 0', { reason: filter.reason });
    if (filter.template) query.andWhere('c.template = :template', { template: filter.template });
    if (filter.olderThanMinutes !== undefined) query.andWhere('c.opened_at <= :openedBefore', { openedBefore: minutesBefore(now, filter.olderThanMinutes) });
    if (filter.youngerThanMinutes !== undefined) query.andWhere('c.opened_at > :openedAfter', { openedAfter: minutesBefore(now, filter.youngerThanMinutes) });
    const [rows, total] = await query
      .orderBy('CASE WHEN c.escalated_at IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('c.opened_at', 'ASC')
      .addOrderBy('c.case_id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { items: rows.map((row) => queueItem(row, now)), page, pageSize, total };
  }
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** One row as the queue shows it (exported for the unit tests). */
export function queueItem(row: ModerationCaseRow, now: Date): QueueItem {
  const claim = row.claimedByStaffId && row.claimedBy && row.leaseExpiresAt ? { staffId: row.claimedByStaffId, moderator: row.claimedBy, claimedAt: '', until: row.leaseExpiresAt.toISOString() } : undefined;
  const status = queueStatus({ status: row.status as ModerationCaseStatus, claim }, now.getTime());
  return {
    caseId: row.caseId,
    applicationId: row.applicationId,
    template: row.template,
    reasons: row.reasons ? (row.reasons.split(',') as ModerationReason[]) : [],
    status,
    escalated: row.escalatedAt !== null,
    openedAt: row.openedAt.toISOString(),
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    claim: status === 'claimed' && claim ? { moderator: claim.moderator, until: claim.until } : null,
    decision: row.decision,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}
