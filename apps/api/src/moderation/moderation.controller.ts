import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { heldByAnother, liveClaim } from '@app/contracts';
import { AuditJournal } from '../auth/audit-journal';
import { Authenticated, CurrentPrincipal, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { casePage, type CasePage } from './case-page';
import { CaseIdParams, EvidenceParams, ModerationDecisionDto, QueueQueryDto } from './dto/moderation.dto';
import { ModerationCasesService } from './moderation-cases.service';
import { ModerationEvidenceService } from './moderation-evidence.service';
import { ModerationQueueService, type QueuePage } from './moderation-queue.service';

type Staff = Extract<Principal, { kind: 'staff' }>;

/**
 * The moderators' queue and cases (seed 002 steps 18–19). A moderator claims a case for a lease; only
 * the holder sees its faces, fields and images and decides it. Claims, releases, decisions and every
 * view of the evidence go to the audit journal.
 */
@ApiTags('moderation')
@ApiBearerAuth()
@Authenticated({ principal: 'staff', roles: ['moderator'] })
@Controller('api/v1/moderation/cases')
export class ModerationController {
  constructor(
    private readonly cases: ModerationCasesService,
    private readonly queue: ModerationQueueService,
    private readonly evidence: ModerationEvidenceService,
    private readonly journal: AuditJournal,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The queue: cases not decided (or by status), escalated first, then the oldest; filters by reason, template and age' })
  list(@Query() query: QueueQueryDto): Promise<QueuePage> {
    return this.queue.list(query);
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'A case: the summary for everyone; faces, fields beside the register and evidence links for the holder of the claim' })
  async get(@Param() { caseId }: CaseIdParams, @CurrentPrincipal() principal: Principal): Promise<CasePage> {
    const staff = principalOf(principal, 'staff');
    const page = casePage(await this.cases.view(caseId), staff, Date.now());
    if (page.detail) await this.journal.record({ actor: staff, action: 'moderation.case_viewed', target: caseId });
    return page;
  }

  @Post(':caseId/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the case for the lease (again: renew it); 409 with who holds it until when' })
  async claim(@Param() { caseId }: CaseIdParams, @CurrentPrincipal() principal: Principal): Promise<CasePage> {
    const staff = principalOf(principal, 'staff');
    const view = await this.cases.claim(caseId, staff);
    await this.journal.record({ actor: staff, action: 'moderation.case_claimed', target: caseId, detail: { until: view.claim?.until ?? null } });
    return casePage(view, staff, Date.now());
  }

  @Delete(':caseId/claim')
  @ApiOperation({ summary: 'Give the case back before the lease ends' })
  async release(@Param() { caseId }: CaseIdParams, @CurrentPrincipal() principal: Principal): Promise<CasePage> {
    const staff = principalOf(principal, 'staff');
    const view = await this.cases.release(caseId, staff);
    await this.journal.record({ actor: staff, action: 'moderation.case_released', target: caseId });
    return casePage(view, staff, Date.now());
  }

  @Get(':caseId/evidence/:kind')
  @ApiOperation({ summary: 'One image of the case, decrypted for the holder of the live claim only; never cached; every view journaled' })
  async image(@Param() { caseId, kind }: EvidenceParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const staff = principalOf(principal, 'staff');
    const view = await this.cases.view(caseId);
    if (view.status === 'decided') throw new ApiError(ApiErrorCode.InvalidState, 'this case is decided; its evidence is no longer shown');
    const claim = liveClaim(view, Date.now());
    if (!claim) throw new ApiError(ApiErrorCode.InvalidState, `claim the case first (POST /api/v1/moderation/cases/${caseId}/claim): only its holder sees the evidence`);
    if (claim.staffId !== staff.staffId) throw new ApiError(ApiErrorCode.Forbidden, heldByAnother(claim), { claimedBy: claim.moderator, claimedUntil: claim.until });
    const { image, mediaType } = await this.evidence.open(view, kind);
    // Journaled before a byte leaves: a view that cannot be journaled is not served.
    await this.journal.record({ actor: staff, action: 'moderation.evidence_viewed', target: caseId, detail: { kind, applicationId: view.applicationId } });
    response.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    return new StreamableFile(image, { type: mediaType, length: image.length });
  }

  @Post(':caseId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, reject with a reason, or ask for a new selfie or document (only the holder of the live claim)' })
  async decide(@Param() { caseId }: CaseIdParams, @Body() dto: ModerationDecisionDto, @CurrentPrincipal() principal: Principal): Promise<CasePage> {
    const staff: Staff = principalOf(principal, 'staff');
    const view = await this.cases.decide(caseId, staff, dto);
    await this.journal.record({ actor: staff, action: 'moderation.case_decided', target: caseId, detail: { decision: dto.decision, reason: dto.reason ?? null } });
    return casePage(view, staff, Date.now());
  }
}
