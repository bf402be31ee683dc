import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { isValidIin } from '@app/identity';
import { ApiKeyGuard } from './api-key.guard';
import { OutageSwitch } from './outage';
import { PeopleStore } from './people.store';

export class RegisterPhoneDto {
  @IsString()
  @Matches(/^\d{12}$/, { message: 'iin must be 12 digits' })
  iin!: string;

  @IsString()
  @Matches(/^\+7\d{10}$/, { message: 'phone must be a Kazakhstan mobile number in the form +7XXXXXXXXXX' })
  phone!: string;
}

/** The mobile citizens database (БМГ): phone lookups for OTP, and the operator's registration after a video call. */
@Controller('bmg/phones')
@UseGuards(ApiKeyGuard, OutageSwitch)
export class BmgController {
  constructor(private readonly people: PeopleStore) {}

  @Get(':iin')
  findPhone(@Param('iin') iin: string) {
    const person = this.people.find(iin);
    if (!person?.bmgPhone) throw new NotFoundException('no phone is registered for this IIN in the mobile citizens database');
    return { iin: person.iin, phone: person.bmgPhone, registeredAt: this.people.phoneRegisteredAtOf(iin)?.toISOString() };
  }

  /** Seed 002 step 5: the operator, having seen the ID card on a video call, registers or re-registers the phone. */
  @Post()
  @HttpCode(200)
  registerPhone(@Body() dto: RegisterPhoneDto) {
    if (!isValidIin(dto.iin)) throw new BadRequestException('неверный ИИН');
    const person = this.people.registerPhone(dto.iin, dto.phone);
    if (!person) throw new NotFoundException('no person with this IIN in the population register');
    return { iin: person.iin, phone: person.bmgPhone, registeredAt: this.people.phoneRegisteredAtOf(dto.iin)!.toISOString() };
  }
}
