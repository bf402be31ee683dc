import { Matches } from 'class-validator';

export class ApplicationNumberParams {
  @Matches(/^\d{14}$/, { message: 'Номер заявки должен состоять из 14 цифр' })
  number!: string;
}

export class CertificateFileParams extends ApplicationNumberParams {
  @Matches(/^(auth|sign)$/, { message: 'kind must be auth or sign' })
  kind!: string;
}
