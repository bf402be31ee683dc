import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  CERTIFICATE_TEMPLATES,
  WorkflowFailureType,
  decideFirstHeadApprovalUpdate,
  firstHeadApprovalWorkflowId,
  type CertificateTemplate,
  type FirstHeadApprovalView,
  type FirstHeadDecision,
} from '@app/contracts';
import { FirstHeadApprovalEvidence, FirstHeadApprovalRow } from '@app/models';
import { PKI, type FirstHeadApprovalContent, type Pki } from '@app/pki';
import { AuditJournal } from '../auth/audit-journal';
import { maskIin, type Principal } from '../auth/principal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { TemporalClient } from '../temporal/temporal.module';
import { LegalEntityAuthority } from './legal-entity-authority';
import { verifyDetached } from '../auth/signature-check';

type FirstHead = Extract<Principal, { kind: 'first_head' }>;

export interface PendingApplication {
  number: string;
  employeeName: string;
  employeeIinMasked: string;
  template: string;
  templateTitle: string;
  requestedAt: string;
  deadlineAt: string;
}

export interface ApplicationToDecide extends PendingApplication {
  bin: string;
  organizationName: string | null;
  status: string;
  statusTitle: string;
  /** What an approval signs: `text` exactly, UTF-8, detached CMS with the SIGN certificate. */
  approvalContent: FirstHeadApprovalContent;
}

/**
 * The first head's cabinet: the BIN's applications waiting for them, each with the content an
 * approval signs; approval (a CMS signature with the SIGN certificate, kept as evidence) and
 * rejection (a reason) go to the approval workflow. Another organisation's applications do not exist
 * here (404); ГБД ЮЛ and the certificate are checked again at every decision.
 */
@Injectable()
export class FirstHeadCabinetService {
  private readonly logger = new Logger(FirstHeadCabinetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PKI) private readonly pki: Pki,
    private readonly authority: LegalEntityAuthority,
    private readonly temporal: TemporalClient,
    private readonly journal: AuditJournal,
  ) {}

  /** The BIN's applications waiting for a decision, oldest first. */
  async pending(head: FirstHead): Promise<PendingApplication[]> {
    const rows = await this.dataSource
      .getRepository(FirstHeadApprovalRow)
      .createQueryBuilder('a')
      .innerJoin('nuc_applications', 'n', 'n.number = a.nuc_application_number')
      .where('a.bin = :bin AND a.status = :pending AND n.status = :awaiting', { bin: head.bin, pending: 'pending', awaiting: 'AWAITING_FIRST_HEAD' })
      .orderBy('a.requested_at', 'ASC')
      .getMany();
    return Promise.all(rows.map(async (row) => this.summary(row, (await this.pki.applications.get(row.number)).fullName)));
  }

  async application(head: FirstHead, number: string): Promise<ApplicationToDecide> {
    const row = await this.rowOf(head, number);
    const nuc = await this.pki.applications.get(number);
    return {
      ...this.summary(row, nuc.fullName),
      bin: row.bin,
      organizationName: nuc.organizationName,
      status: row.status,
      statusTitle: nuc.statusTitle,
      approvalContent: await this.pki.applications.approvalContentOf(number),
    };
  }

  /** Approval: the signature over the canonical content with the SIGN certificate of the signed-in person. */
  async approve(head: FirstHead, number: string, signature: string, clientAddress: string): Promise<FirstHeadApprovalView> {
    const row = await this.rowOf(head, number);
    await this.assertStillEntitled(head);
    const content = await this.pki.applications.approvalContentOf(number);
    const signer = await this.refusalsJournaled(head, number, clientAddress, () => verifyDetached(this.pki, signature, content.text));
    if (signer.certificateKind !== 'SIGN') throw new ApiError(ApiErrorCode.CertificateRefused, 'Подтверждение подписывается сертификатом SIGN (подписи), не AUTH / approve with your SIGN certificate');
    if (signer.iin !== head.iin || signer.bin !== head.bin) {
      throw new ApiError(ApiErrorCode.Forbidden, 'Подпись сделана сертификатом другого лица или другой организации: подпишите своим сертификатом SIGN / sign with your own SIGN certificate of this organisation');
    }
    const evidenceId = randomUUID();
    await this.dataSource.getRepository(FirstHeadApprovalEvidence).insert({
      id: evidenceId,
      number,
      signerIin: signer.iin,
      signerBin: head.bin,
      signerCertificateSerial: signer.certificateSerial,
      signedContent: content.text,
      signatureDer: signature.includes('-----BEGIN') ? Buffer.from(signature.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64') : Buffer.from(signature.replace(/\s+/g, ''), 'base64'),
      signingTime: signer.signingTime,
      createdAt: new Date(),
    });
    try {
      const view = await this.decide(row, { decision: 'approve', bin: head.bin, approver: { iin: head.iin, certificateSerial: signer.certificateSerial }, evidenceId });
      await this.journal.record({ actor: head, action: 'first_head.approved', target: number, detail: { evidenceId, signCertificateSerial: signer.certificateSerial, employeeIin: maskIin(row.employeeIin) }, clientAddress });
      return view;
    } catch (error) {
      // The workflow did not take it: a signature that approved nothing is not evidence of anything.
      await this.dataSource.getRepository(FirstHeadApprovalEvidence).delete({ id: evidenceId });
      throw error;
    }
  }

  async reject(head: FirstHead, number: string, reason: string, clientAddress: string): Promise<FirstHeadApprovalView> {
    const row = await this.rowOf(head, number);
    await this.assertStillEntitled(head);
    const view = await this.decide(row, { decision: 'reject', bin: head.bin, approver: { iin: head.iin, certificateSerial: head.certificateSerial }, reason: reason.trim() });
    await this.journal.record({ actor: head, action: 'first_head.rejected', target: number, detail: { reason: reason.trim().slice(0, 200), employeeIin: maskIin(row.employeeIin) }, clientAddress });
    return view;
  }

  /** The approval of this number, if it is the head's organisation's; otherwise it does not exist for them. */
  private async rowOf(head: FirstHead, number: string): Promise<FirstHeadApprovalRow> {
    const row = await this.dataSource.getRepository(FirstHeadApprovalRow).findOneBy({ number, bin: head.bin });
    if (!row) throw new ApiError(ApiErrorCode.ApplicationNotFound, `Заявка № ${number} не найдена`);
    return row;
  }

  /** At decision time: ГБД ЮЛ still names them, and the certificate they signed in with is still good. */
  private async assertStillEntitled(head: FirstHead): Promise<void> {
    const status = await this.pki.authority.statusOf(head.certificateSerial);
    if (status.status !== 'good') throw new ApiError(ApiErrorCode.CertificateRefused, 'Сертификат, которым выполнен вход, отозван: войдите заново действующим сертификатом / the certificate you signed in with is revoked');
    await this.authority.assertMayDecide(head.iin, head.bin);
  }

  private async decide(row: FirstHeadApprovalRow, decision: FirstHeadDecision): Promise<FirstHeadApprovalView> {
    if (row.status !== 'pending') throw new ApiError(ApiErrorCode.InvalidState, `По заявке № ${row.number} решение уже принято (${row.status})`);
    try {
      return await this.temporal.client.workflow.getHandle(firstHeadApprovalWorkflowId(row.number)).executeUpdate(decideFirstHeadApprovalUpdate, { args: [decision] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && (error.cause as { type?: string }).type === WorkflowFailureType.InvalidState) {
        throw new ApiError(ApiErrorCode.InvalidState, (error.cause as Error).message);
      }
      if (error instanceof WorkflowNotFoundError || /already completed/i.test((error as Error).message)) {
        throw new ApiError(ApiErrorCode.InvalidState, `По заявке № ${row.number} решение больше не принимается`);
      }
      this.logger.error(`first-head decision failed: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the decision could not be recorded right now; please try again');
    }
  }

  private async refusalsJournaled<T>(head: FirstHead, number: string, clientAddress: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError) await this.journal.record({ actor: head, action: 'first_head.approval_refused', target: number, detail: { code: error.code, reason: typeof error.details.reason === 'string' ? error.details.reason : '' }, clientAddress });
      throw error;
    }
  }

  private summary(row: FirstHeadApprovalRow, employeeName: string): PendingApplication {
    return {
      number: row.number,
      employeeName,
      employeeIinMasked: maskIin(row.employeeIin),
      template: row.template,
      templateTitle: CERTIFICATE_TEMPLATES[row.template as CertificateTemplate] ?? row.template,
      requestedAt: row.requestedAt.toISOString(),
      deadlineAt: row.deadlineAt.toISOString(),
    };
  }
}
