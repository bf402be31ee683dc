import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { OutageState } from './outage';
import { PeopleStore } from './people.store';

export class OutageDto {
  @IsInt()
  @Min(0)
  @Max(600_000)
  durationMs!: number;
}

/** Development aids: what the simulator holds, so a person trying the system can pick an applicant. */
@Controller('_dev')
export class DevController {
  constructor(
    private readonly people: PeopleStore,
    private readonly outage: OutageState,
  ) {}

  @Get('people')
  listPeople() {
    return this.people.list();
  }

  @Get('legal-entities')
  listLegalEntities() {
    return this.people.listLegalEntities();
  }

  /** Every register endpoint answers 503 for the given time. */
  @Post('outage')
  @HttpCode(200)
  startOutage(@Body() dto: OutageDto) {
    return { until: this.outage.startFor(dto.durationMs).toISOString() };
  }
}
