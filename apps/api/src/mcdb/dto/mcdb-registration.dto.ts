import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsIdentificationNumber } from '../../applications/dto/create-application.dto';

export class StartMcdbRegistrationDto {
  @ApiProperty({ example: '900101400559', description: 'the IIN the applicant dictated, checked against the ID card shown on the call' })
  @IsString()
  @IsIdentificationNumber('iin')
  iin!: string;

  @ApiProperty({ example: '+77059990011', description: 'the mobile number to register, as the applicant dictated it' })
  @IsString()
  @Matches(/^\+7\d{10}$/, { message: 'phone is a Kazakhstan mobile number in the form +7XXXXXXXXXX' })
  phone!: string;
}

export class ConfirmMcdbRegistrationDto {
  @ApiProperty({ example: '04802', description: 'the code from the SMS, as the applicant dictated it' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'code is the digits of the SMS the applicant received' })
  code!: string;
}
