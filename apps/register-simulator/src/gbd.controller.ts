import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, StreamableFile, UseGuards } from '@nestjs/common';
import type { LegalEntityRecord, PersonRecord } from '@app/registers';
import { ApiKeyGuard } from './api-key.guard';
import { OutageSwitch } from './outage';
import { PeopleStore } from './people.store';

export const FACES_DIR = Symbol('FACES_DIR');

/** The individuals register (ГБД ФЛ) and the legal-entities register (ГБД ЮЛ). */
@Controller()
@UseGuards(ApiKeyGuard, OutageSwitch)
export class GbdController {
  constructor(
    private readonly people: PeopleStore,
    @Inject(FACES_DIR) private readonly facesDir: string,
  ) {}

  @Get('gbd-fl/persons/:iin')
  findPerson(@Param('iin') iin: string): PersonRecord {
    const person = this.people.find(iin);
    if (!person) throw new NotFoundException('no person with this IIN in the population register');
    const { bmgPhone: _phone, photoFile: _photo, ...record } = person;
    return record;
  }

  @Get('gbd-fl/persons/:iin/photo')
  async photo(@Param('iin') iin: string): Promise<StreamableFile> {
    const person = this.people.find(iin);
    if (!person?.photoFile) throw new NotFoundException('the register holds no photo for this IIN');
    const bytes = await readFile(resolve(this.facesDir, person.photoFile));
    return new StreamableFile(bytes, { type: 'image/jpeg', length: bytes.length });
  }

  @Get('gbd-ul/legal-entities/:bin')
  findLegalEntity(@Param('bin') bin: string): LegalEntityRecord {
    const entity = this.people.findLegalEntity(bin);
    if (!entity) throw new NotFoundException('no legal entity with this BIN in the register');
    return entity;
  }
}
