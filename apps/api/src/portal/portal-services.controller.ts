import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ServiceHistoryService, type ServiceCheckView, type ServiceHistoryView } from './service-history.service';

@ApiTags('portal')
@ApiBearerAuth()
@Controller('api/v1/portal/me/services')
export class PortalServicesController {
  constructor(private readonly services: ServiceHistoryService) {}

  @Authenticated({ principal: 'citizen' })
  @Get()
  @ApiOperation({ summary: '«История получения услуг»: the person\'s applications and their statuses (no «Номер запроса» with temporary rights)' })
  history(@CurrentPrincipal() principal: Principal): Promise<ServiceHistoryView> {
    return this.services.history(principalOf(principal, 'citizen'));
  }

  @Authenticated({ principal: 'citizen', fullRightsOnly: true })
  @Get(':requestNumber')
  @ApiOperation({ summary: '«Проверка услуг»: one request by its number, with its history (full rights only)' })
  check(@CurrentPrincipal() principal: Principal, @Param('requestNumber') requestNumber: string): Promise<ServiceCheckView> {
    return this.services.check(principalOf(principal, 'citizen'), requestNumber);
  }
}
