import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class SubmitOtpDto {
  @ApiProperty({ example: '04802', description: 'the one-time password from the SMS sent by 1414' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'code must be the digits from the SMS' })
  code!: string;
}
