import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, type BiometricStore } from '@app/biometrics';
import { MESSAGES, type DocumentFields, type FieldComparison, type IdentityDocumentKind, type ModerationCaseStatus, type ModerationReason } from '@app/contracts';
import { RegisterMismatchCode, matchAgainstRegister } from '@app/documents';
import type { SmsSender } from '@app/messaging';
import { Application, AuditJournalEntry, SmsNotification } from '@app/models';
import { phoneHash } from '@app/otp';
import type { MobileCitizenRegistry, StateRegisterClient } from '@app/registers';

export interface WholePathActivityDeps {
  dataSource: DataSource;
  mobileCitizens: MobileCitizenRegistry;
  people: StateRegisterClient;
  sms: SmsSender;
  /** Where the register photo is kept (sealed) for the face match. */
  biometrics: Pick<BiometricStore, 'saveOnce'>;
  /** The OTP key: the Digital ID page's phone arrives as a keyed hash under it. */
  otpHmacKey: Buffer;
  clock?: () => Date;
}

export interface RegisterComparison {
  /** The person as ГБД ФЛ knows them, when the register has them (what the certificates carry). */
  identity?: { surname: string; givenName: string; patronymic?: string };
  registerPhotoSampleId?: string;
  reasons: ModerationReason[];
  fields: FieldComparison[];
}

/** A moderation case as the queue lists it, written by the case workflow at each change. */
export interface ModerationCaseRecord {
  caseId: string;
  applicationId: string;
  template: string;
  reasons: ModerationReason[];
  status: ModerationCaseStatus;
  /** The workflow's count of its writes (absent in writes from before the queue). */
  version?: number;
  openedAt?: string;
  escalatedAt?: string;
  /** The last claim taken; absent once released. */
  claim?: { staffId: string; moderator: string; until: string };
  decision?: string;
  decidedBy?: string;
  decidedAt?: string;
  /** When this write was made. */
  at: string;
}

/** How each disagreement with the register reaches the moderator. */
const MODERATION_REASON: Record<RegisterMismatchCode, ModerationReason> = {
  [RegisterMismatchCode.DocumentNotInRegister]: 'document_not_in_register',
  [RegisterMismatchCode.DocumentLost]: 'document_not_valid',
  [RegisterMismatchCode.DocumentReplaced]: 'document_not_valid',
  [RegisterMismatchCode.DocumentExpired]: 'document_expired',
  [RegisterMismatchCode.IinMismatch]: 'fields_differ',
  [RegisterMismatchCode.FieldMismatch]: 'fields_differ',
};

/** Activities of the path after the code that need the registers, MySQL or SMS (the onboarding queue). */
export function createWholePathActivities(deps: WholePathActivityDeps) {
  const now = deps.clock ?? (() => new Date());
  return {
    /** Seed 002 step 8: the number typed on the Digital ID page must be the one registered in БМГ. */
    async checkDigitalIdPhone(input: { iin: string; phoneHash: string }): Promise<{ matches: boolean }> {
      const phone = await deps.mobileCitizens.findPhone(input.iin);
      if (!phone) return { matches: false };
      const expected = phoneHash(deps.otpHmacKey, input.iin, phone);
      const given = Buffer.from(input.phoneHash, 'hex');
      return { matches: given.length === expected.length && timingSafeEqual(given, expected) };
    },

    /**
     * Seed 002 step 18, the register half: reads ГБД ФЛ, keeps the register photo (once) for the face
     * match, and compares the confirmed document with the person's record.
     */
    async compareWithRegister(input: {
      applicationId: string;
      iin: string;
      document: { type: IdentityDocumentKind; recognised: DocumentFields; confirmed: DocumentFields };
    }): Promise<RegisterComparison> {
      const person = await deps.people.findPerson(input.iin);
      if (!person) return { reasons: ['register_person_not_found'], fields: [] };
      const photo = person.hasPhoto ? await deps.people.fetchPhoto(input.iin) : null;
      const registerPhotoSampleId = photo ? await deps.biometrics.saveOnce({ applicationId: input.applicationId, kind: BiometricSampleKind.RegisterPhoto, image: photo }) : undefined;
      const recognised = Object.entries(input.document.recognised).map(([name, value]) => ({ name, value: value ?? '' })) as Parameters<typeof matchAgainstRegister>[0]['recognised'];
      const match = matchAgainstRegister({ type: input.document.type, recognised, confirmed: input.document.confirmed, person, at: now() });
      return {
        identity: { surname: person.surname, givenName: person.name, patronymic: person.patronymic ?? undefined },
        registerPhotoSampleId,
        reasons: [...new Set(match.reasons.map((r) => MODERATION_REASON[r.code]))],
        fields: match.fields.map((f) => ({ field: f.name, recognised: f.recognised ?? undefined, confirmed: f.confirmed, register: f.register ?? undefined, corrected: f.corrected, equal: f.equal || !f.compared })),
      };
    },

    /** One SMS per event (seed 002 step 19): the key is reserved first, so a retried activity never sends twice. */
    async notifyApplicant(input: { applicationId: string; iin: string; key: string; message: keyof typeof MESSAGES }): Promise<{ sent: boolean }> {
      const key = `${input.applicationId}:${input.key}`.slice(0, 160);
      const repo = deps.dataSource.getRepository(SmsNotification);
      await repo.createQueryBuilder().insert().values({ key, applicationId: input.applicationId, delivered: false, createdAt: now() }).orIgnore().execute();
      const row = await repo.findOneByOrFail({ key });
      if (row.delivered) return { sent: false };
      const phone = await deps.mobileCitizens.findPhone(input.iin);
      if (!phone) return { sent: false };
      await deps.sms.send(phone, MESSAGES[input.message]);
      await repo.update({ key }, { delivered: true });
      return { sent: true };
    },

    /**
     * The moderation queue's row of a case (the case itself is a workflow): its state as the workflow
     * last wrote it. Each write carries the workflow's version; one arriving after a newer write changes
     * nothing. (Writes from before versions carry none and apply as they come.) The write that first
     * marks the case escalated also journals the escalation, once, however often it is retried.
     */
    async recordModerationCase(input: ModerationCaseRecord): Promise<void> {
      const at = new Date(input.at);
      const date = (iso?: string) => (iso ? new Date(iso) : null);
      const newer = input.version === undefined ? 'TRUE' : 'VALUES(version) > version';
      const columns = ['status', 'decision', 'escalated_at', 'claimed_by_staff_id', 'claimed_by', 'lease_expires_at', 'decided_by', 'decided_at', 'updated_at'];
      // Assignments apply left to right: version is compared before it is moved on, last.
      const updates = [...columns.map((c) => `${c} = IF(${newer}, VALUES(${c}), ${c})`), 'version = GREATEST(version, VALUES(version))'];
      const escalatedAt = date(input.escalatedAt) ?? (input.status === 'escalated' ? at : null);
      await deps.dataSource.transaction(async (manager) => {
        const [before] = await manager.query<Array<{ escalated_at: Date | null }>>('SELECT escalated_at FROM moderation_cases WHERE case_id = ? FOR UPDATE', [input.caseId]);
        await manager.query(
          `INSERT INTO moderation_cases (case_id, application_id, template, reasons, opened_at, version, ${columns.join(', ')})
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE ${updates.join(', ')}`,
          [
            input.caseId,
            input.applicationId,
            input.template,
            input.reasons.join(','),
            date(input.openedAt) ?? at,
            input.version ?? 0,
            input.status,
            input.decision ?? null,
            escalatedAt,
            input.claim?.staffId ?? null,
            input.claim?.moderator ?? null,
            date(input.claim?.until),
            input.decidedBy ?? null,
            date(input.decidedAt) ?? (input.status === 'decided' ? at : null),
            at,
          ],
        );
        if (escalatedAt && !before?.escalated_at) {
          await manager.insert(AuditJournalEntry, {
            at: escalatedAt,
            actorKind: 'system',
            actorId: null,
            action: 'moderation.case_escalated',
            target: input.caseId,
            detail: { applicationId: input.applicationId, reasons: input.reasons },
            clientAddress: null,
          });
        }
      });
    },

    /** Links the onboarding application and its НУЦ application both ways (the НУЦ side holds the request id). */
    async linkNucApplication(input: { applicationId: string; number: string }): Promise<void> {
      await deps.dataSource.getRepository(Application).update({ id: input.applicationId }, { nucApplicationNumber: input.number });
    },
  };
}
