import { Controller, Get } from '@nestjs/common';
import { PeopleStore } from './people.store';

/** Development aid: what the simulator holds, so a person trying the system can pick an applicant. */
@Controller('_dev')
export class DevController {
  constructor(private readonly people: PeopleStore) {}

  @Get('people')
  listPeople() {
    return this.people.list();
  }
}
