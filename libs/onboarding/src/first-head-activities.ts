import type { DataSource } from 'typeorm';
import {
  CERTIFICATE_TEMPLATES,
  LEGAL_ENTITY_ROLE_BY_TEMPLATE,
  firstHeadSms,
  type CertificateTemplate,
  type FirstHeadApprovalStatus,
  type FirstHeadNotice,
  type LegalEntityCertificateRole,
} from '@app/contracts';
import { legalEntityEligibility } from '@app/eligibility';
import type { SmsSender } from '@app/messaging';
import { FirstHeadApprovalRow, SmsNotification } from '@app/models';
import type { LegalEntityRegisterClient, MobileCitizenRegistry } from '@app/registers';

export interface FirstHeadActivityDeps {
  dataSource: DataSource;
  legalEntities: LegalEntityRegisterClient;
  mobileCitizens: MobileCitizenRegistry;
  sms: SmsSender;
  clock?: () => Date;
}

/** The organisation part of a legal-entity certificate, as ГБД ЮЛ has it when the application is made. */
export type LegalEntityIdentity =
  | { eligible: true; bin: string; organizationName: string; role: LegalEntityCertificateRole }
  | { eligible: false; message: string };

export interface FirstHeadApprovalRecord {
  number: string;
  applicationId: string;
  bin: string;
  employeeIin: string;
  template: CertificateTemplate;
  status: FirstHeadApprovalStatus;
  requestedAt: string;
  deadlineAt: string;
  decidedAt?: string;
  approverIin?: string;
  approverCertificateSerial?: string;
  rejectionReason?: string;
  evidenceId?: string;
}

/** Activities of the legal-entity path: ГБД ЮЛ at application time, the first head's SMS, the approvals' projection. */
export function createFirstHeadActivities(deps: FirstHeadActivityDeps) {
  const now = deps.clock ?? (() => new Date());
  return {
    /**
     * Reads ГБД ЮЛ when the НУЦ application is made (not at the start: a person may have left the
     * organisation since) and gives the BIN, the organisation's name and the template's role for
     * the certificate subject (O, OU=BIN, the role OID). Register outages throw and are retried.
     */
    async legalEntityIdentity(input: { bin: string; iin: string; template: CertificateTemplate }): Promise<LegalEntityIdentity> {
      if (input.template === 'individual') return { eligible: false, message: `Шаблон «${CERTIFICATE_TEMPLATES.individual}» не для юридического лица` };
      const entity = await deps.legalEntities.findLegalEntity(input.bin);
      const eligibility = legalEntityEligibility(entity, input.iin, input.template);
      if (!eligibility.eligible) return { eligible: false, message: eligibility.message };
      return { eligible: true, bin: entity!.bin, organizationName: entity!.name, role: LEGAL_ENTITY_ROLE_BY_TEMPLATE[input.template] };
    },

    /**
     * One SMS per notice to the first head (and to the acting head, if ГБД ЮЛ names one) at their БМГ
     * phone: the key is reserved before sending, so a retried activity never sends a notice twice.
     * Returns how many were sent now.
     */
    async notifyFirstHead(input: { applicationId: string; number: string; bin: string; notice: FirstHeadNotice; key: string; deadlineAt: string }): Promise<{ sent: number }> {
      const entity = await deps.legalEntities.findLegalEntity(input.bin);
      if (!entity) return { sent: 0 };
      const heads = [...new Set([entity.firstHeadIin, entity.actingHeadIin].filter((iin): iin is string => Boolean(iin)))];
      const repo = deps.dataSource.getRepository(SmsNotification);
      let sent = 0;
      for (const iin of heads) {
        const key = `${input.applicationId}:first-head:${input.key}:${iin}`.slice(0, 160);
        await repo.createQueryBuilder().insert().values({ key, applicationId: input.applicationId, delivered: false, createdAt: now() }).orIgnore().execute();
        const row = await repo.findOneByOrFail({ key });
        if (row.delivered) continue;
        const phone = await deps.mobileCitizens.findPhone(iin);
        if (!phone) continue;
        await deps.sms.send(phone, firstHeadSms(input.notice, input.number, input.deadlineAt));
        await repo.update({ key }, { delivered: true });
        sent++;
      }
      return { sent };
    },

    /** Writes the cabinet's projection of an approval (idempotent: the latest state wins). */
    async recordFirstHeadApproval(input: FirstHeadApprovalRecord): Promise<void> {
      const date = (iso?: string) => (iso ? new Date(iso) : null);
      const row = {
        number: input.number,
        applicationId: input.applicationId,
        bin: input.bin,
        employeeIin: input.employeeIin,
        template: input.template,
        status: input.status,
        requestedAt: new Date(input.requestedAt),
        deadlineAt: new Date(input.deadlineAt),
        decidedAt: date(input.decidedAt),
        approverIin: input.approverIin ?? null,
        approverCertificateSerial: input.approverCertificateSerial ?? null,
        rejectionReason: input.rejectionReason ?? null,
        evidenceId: input.evidenceId ?? null,
      };
      await deps.dataSource
        .createQueryBuilder()
        .insert()
        .into(FirstHeadApprovalRow)
        .values(row)
        .orUpdate(['status', 'decided_at', 'approver_iin', 'approver_certificate_serial', 'rejection_reason', 'evidence_id'], ['nuc_application_number'])
        .execute();
    },
  };
}
