import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  PORTAL_ACCOUNT_WORKFLOW_TYPE,
  getPortalAccountLifeQuery,
  portalAccountWorkflowId,
  portalFullRightsSignal,
  portalSignedInSignal,
  type PortalAccountLifeView,
} from '@app/contracts';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal.module';

const DAY_MS = 86_400_000;

/** The API's way into a temporary account's life: its workflow is started at activation and told of sign-ins. */
@Injectable()
export class PortalAccountLife {
  private readonly logger = new Logger(PortalAccountLife.name);

  constructor(
    private readonly temporal: TemporalClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Starts the clock. Throws when Temporal does not take it: the caller must not keep the account then. */
  async start(accountId: string, idleSince: Date): Promise<void> {
    await this.temporal.client.workflow.start(PORTAL_ACCOUNT_WORKFLOW_TYPE, {
      workflowId: portalAccountWorkflowId(accountId),
      taskQueue: this.temporal.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          accountId,
          idleSince: idleSince.toISOString(),
          noticeAfterMs: Math.round(this.config.PORTAL_TEMPORARY_NOTICE_AFTER_DAYS * DAY_MS),
          deleteAfterNoticeMs: Math.round(this.config.PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS * DAY_MS),
        },
      ],
    });
  }

  /**
   * A sign-in starts the clock again. A signal that does not get through is not lost: before the
   * notice and before the deletion the workflow's activities read the last sign-in from MySQL.
   */
  async signedIn(accountId: string, at: Date): Promise<void> {
    await this.signal(accountId, (handle) => handle.signal(portalSignedInSignal, { at: at.toISOString() }));
  }

  async raisedToFullRights(accountId: string, at: Date): Promise<void> {
    await this.signal(accountId, (handle) => handle.signal(portalFullRightsSignal, { at: at.toISOString() }));
  }

  /** Where the account's life stands, or null when its workflow does not answer (ended, or Temporal down). */
  async view(accountId: string): Promise<PortalAccountLifeView | null> {
    try {
      return await this.handle(accountId).query(getPortalAccountLifeQuery);
    } catch (error) {
      this.logger.warn(`portal account life query failed: ${(error as Error).message}`);
      return null;
    }
  }

  private handle(accountId: string) {
    return this.temporal.client.workflow.getHandle(portalAccountWorkflowId(accountId));
  }

  private async signal(accountId: string, send: (handle: ReturnType<PortalAccountLife['handle']>) => Promise<void>): Promise<void> {
    await send(this.handle(accountId)).catch((error: Error) => this.logger.warn(`could not signal the portal account's life: ${error.message}`));
  }
}
