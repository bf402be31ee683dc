import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { NucCsrSubmissionDto } from '@app/pki';

describe(NucCsrSubmissionDto.name, () => {
  it('accepts a PEM request and a known key storage, and explains what is wrong otherwise', async () => {
    const ok = plainToInstance(NucCsrSubmissionDto, {
      authCsr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n',
      signCsr: 'MIIBzz==',
      keyStorage: 'Персональный компьютер',
    });
    await expect(validate(ok)).resolves.toHaveLength(0);
    const bad = plainToInstance(NucCsrSubmissionDto, { authCsr: '<script>', signCsr: 'MIIB', keyStorage: 'USB', email: 'nope' });
    const messages = (await validate(bad)).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(messages).toEqual(
      expect.arrayContaining(['authCsr must be a PEM or base64 PKCS#10 request', 'email must be an e-mail address', expect.stringContaining('keyStorage must be one of: Персональный компьютер')]),
    );
  });
});
