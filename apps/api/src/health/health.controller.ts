import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { TemporalClient } from '../temporal/temporal.module';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: TemporalClient,
  ) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and Temporal answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.temporalCheck()]);
  }

  private async temporalCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('temporal');
    try {
      await this.temporal.connection.withDeadline(Date.now() + 2000, () => this.temporal.connection.workflowService.getSystemInfo({}));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
