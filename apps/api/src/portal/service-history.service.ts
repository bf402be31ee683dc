import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APPLICATION_STATUS_TITLES, PORTAL_SERVICE_TITLES, type ApplicationStatus, type PortalRights } from '@app/contracts';
import { Application, ApplicationStatusEvent, PortalAccount } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import type { CitizenPrincipal } from './portal-sign-in.service';

const HISTORY_LIMIT = 100;

export interface ServiceHistoryItem {
  date: string;
  service: string;
  status: ApplicationStatus;
  statusTitle: string;
  /** «Номер запроса»: shown to full rights only (seed 000, figure 11). */
  requestNumber?: string;
}

export interface ServiceHistoryView {
  rights: PortalRights;
  requestNumberShown: boolean;
  items: ServiceHistoryItem[];
}

export interface ServiceCheckView {
  requestNumber: string;
  service: string;
  status: ApplicationStatus;
  statusTitle: string;
  nucApplicationNumber: string | null;
  history: Array<{ status: ApplicationStatus; statusTitle: string; at: string }>;
}

/**
 * «История получения услуг» and «Проверка услуг»: the person's applications made in this product (the
 * remote certificate path), newest first, from the status projection. A temporary account sees no
 * «Номер запроса»; «Проверка услуг» is closed to it by its route.
 */
@Injectable()
export class ServiceHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async history(principal: CitizenPrincipal): Promise<ServiceHistoryView> {
    const account = await this.dataSource.getRepository(PortalAccount).findOneByOrFail({ id: principal.accountId });
    const full = account.rights === 'full';
    const applications = await this.dataSource.getRepository(Application).find({ where: this.whose(account), order: { createdAt: 'DESC' }, take: HISTORY_LIMIT });
    return {
      rights: account.rights,
      requestNumberShown: full,
      items: applications.map((a) => ({
        date: a.createdAt.toISOString(),
        service: PORTAL_SERVICE_TITLES.remote_certificate,
        status: a.status,
        statusTitle: APPLICATION_STATUS_TITLES[a.status],
        ...(full ? { requestNumber: a.id } : {}),
      })),
    };
  }

  async check(principal: CitizenPrincipal, requestNumber: string): Promise<ServiceCheckView> {
    const account = await this.dataSource.getRepository(PortalAccount).findOneByOrFail({ id: principal.accountId });
    const application = /^[0-9a-f-]{36}$/.test(requestNumber) ? await this.dataSource.getRepository(Application).findOneBy({ id: requestNumber, ...this.whose(account) }) : null;
    if (!application) throw new ApiError(ApiErrorCode.ApplicationNotFound, 'Запрос с таким номером не найден среди Ваших услуг');
    const events = await this.dataSource.getRepository(ApplicationStatusEvent).find({ where: { applicationId: application.id }, order: { seq: 'ASC' } });
    return {
      requestNumber: application.id,
      service: PORTAL_SERVICE_TITLES.remote_certificate,
      status: application.status,
      statusTitle: APPLICATION_STATUS_TITLES[application.status],
      nucApplicationNumber: application.nucApplicationNumber,
      history: events.map((e) => ({ status: e.status, statusTitle: APPLICATION_STATUS_TITLES[e.status], at: e.at.toISOString() })),
    };
  }

  /** An individual's applications are theirs by IIN; a legal entity's by BIN. */
  private whose(account: PortalAccount): { iin: string } | { bin: string } {
    return account.subjectType === 'legal_entity' ? { bin: account.login } : { iin: account.login };
  }
}
