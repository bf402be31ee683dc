import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditJournalEntry, type JsonFields } from '@app/models';
import { maskIin, type AuditActor } from './principal';

export interface AuditRecord {
  actor: AuditActor;
  /** dotted verb, e.g. staff.sign_in, moderation.evidence_viewed */
  action: string;
  target?: string;
  /** Never secrets or whole personal data: codes, masked IINs, reasons. */
  detail?: JsonFields;
  clientAddress?: string;
}

const actorId = (actor: AuditActor): string | null => {
  switch (actor.kind) {
    case 'staff':
      return actor.staffId;
    case 'first_head':
      return `${maskIin(actor.iin)}@${actor.bin}`;
    case 'applicant':
      return actor.applicationId;
    case 'citizen':
      return actor.accountId;
    default:
      return null;
  }
};

/** The audit journal: every sign-in, every staff and first-head action, every view of evidence. */
@Injectable()
export class AuditJournal {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes one entry; pass the transaction's manager to journal together with the change itself. */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditJournalEntry, {
      at: new Date(),
      actorKind: entry.actor.kind,
      actorId: actorId(entry.actor),
      action: entry.action,
      target: entry.target?.slice(0, 128) ?? null,
      detail: entry.detail ?? null,
      clientAddress: entry.clientAddress?.slice(0, 64) ?? null,
    });
  }
}
