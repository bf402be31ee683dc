import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, type BiometricStore } from '@app/biometrics';
import { MESSAGES, type DocumentFields, type FieldComparison, type IdentityDocumentKind, type ModerationCaseStatus, type ModerationReason } from '@app/contracts';
import { RegisterMismatchCode, matchAgainstRegister } from '@app/documents';
import type { SmsSender } from '@app/messaging';
import { Application, ModerationCaseRow, SmsNotification } from '@app/models';
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

    /** The moderation queue's projection of a case (the case itself is a workflow). */
    async recordModerationCase(input: { caseId: string; applicationId: string; template: string; reasons: ModerationReason[]; status: ModerationCaseStatus; decision?: string; at: string }): Promise<void> {
      const at = new Date(input.at);
      await deps.dataSource
        .createQueryBuilder()
        .insert()
        .into(ModerationCaseRow)
        .values({ caseId: input.caseId, applicationId: input.applicationId, template: input.template, reasons: input.reasons.join(','), status: input.status, decision: input.decision ?? null, openedAt: at, updatedAt: at })
        .orUpdate(['status', 'decision', 'updated_at'], ['case_id'])
        .execute();
    },

    /** Links the onboarding application and its НУЦ application both ways (the НУЦ side holds the request id). */
    async linkNucApplication(input: { applicationId: string; number: string }): Promise<void> {
      await deps.dataSource.getRepository(Application).update({ id: input.applicationId }, { nucApplicationNumber: input.number });
    },
  };
}
