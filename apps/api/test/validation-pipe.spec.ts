import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { ApiValidationPipe } from '../src/common/validation';
import { PersonCheckDto } from '../src/portal/dto/registration.dto';

/** The body validation's refusals: Nest's texts, plus a code and the failed fields for the pages to translate. */
describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();
  const refusalOf = async (body: unknown) => {
    try {
      await pipe.transform(body, { type: 'body', metatype: PersonCheckDto });
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse() as { statusCode: number; code: string; message: string[]; fields: Array<{ field: string; constraints: string[] }> };
    }
    throw new Error('the body was accepted');
  };

  it('names each failed field with its constraints, keeps the texts, and refuses fields the DTO does not have', async () => {
    const refusal = await refusalOf({ iin: '910506451646', documentNumber: '', birthDate: '06.05.1991', agreementAccepted: false, registrationTermsAccepted: true, extra: 1 });
    expect(refusal.statusCode).toBe(400);
    expect(refusal.code).toBe('validation_failed');
    expect(refusal.fields).toEqual([
      { field: 'extra', constraints: ['whitelistValidation'] },
      { field: 'documentNumber', constraints: ['isLength'] },
      { field: 'birthDate', constraints: ['matches'] },
      { field: 'agreementAccepted', constraints: ['equals'] },
    ]);
    expect(refusal.message).toContain('Для регистрации отметьте «Я ознакомился и принимаю условия настоящего Соглашения»');
    expect(refusal.message).toContain('birthDate (Дата рождения) is a date YYYY-MM-DD');
    expect(refusal.message).toContain('property extra should not exist');
  });

  it('lets a valid body through, transformed into the DTO', async () => {
    const dto = await pipe.transform(
      { iin: '910506451646', documentNumber: 'N07513162', birthDate: '1991-05-06', agreementAccepted: true, registrationTermsAccepted: true },
      { type: 'body', metatype: PersonCheckDto },
    );
    expect(dto).toBeInstanceOf(PersonCheckDto);
  });
});
