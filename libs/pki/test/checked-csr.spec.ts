import 'reflect-metadata';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { PKI_ERROR_STATUS, PkiError, PkiErrorCode, checkCsr } from '@app/pki';
import { openssl } from './support/openssl';

const F4 = new Uint8Array([1, 0, 1]);

async function rsaKeys(bits: number, hash = 'SHA-256', name = 'RSASSA-PKCS1-v1_5'): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey({ name, modulusLength: bits, publicExponent: F4, hash }, true, ['sign', 'verify']);
}

async function csr(keys: webcrypto.CryptoKeyPair, signingAlgorithm: object = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }): Promise<string> {
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=Applicant', keys: keys as never, signingAlgorithm: signingAlgorithm as never });
  return request.toString('pem');
}

/** A node:crypto key pair with any exponent, as WebCrypto keys for the CSR generator. */
async function rsaKeysWithExponent(publicExponent: number): Promise<webcrypto.CryptoKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent });
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return {
    privateKey: await webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), algorithm, true, ['sign']),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), algorithm, true, ['verify']),
  };
}

async function refusal(request: string | Buffer): Promise<PkiError> {
  const error = await checkCsr(request).then(
    () => new Error('the request was accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof PkiError)) throw error;
  return error;
}

/** Every refusal names the problem and the way out, in Russian, then English. */
function expectBilingual(error: PkiError, ru: RegExp, en: RegExp): void {
  const [russian, english] = error.message.split(' / ');
  expect(russian).toMatch(ru);
  expect(english).toMatch(en);
  expect(PKI_ERROR_STATUS[error.code]).toBe(400);
}

describe(checkCsr.name, () => {
  let work: string;
  let good: webcrypto.CryptoKeyPair;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pki-csr-'));
    good = await rsaKeys(2048);
  }, 60_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** A CSR that OpenSSL signs with the given digest (WebCrypto has no MD5 or SHA-224). */
  async function opensslCsr(digest: string): Promise<string> {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(work, `${digest}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const made = await openssl(['req', '-new', '-key', join(work, `${digest}.key`), '-subj', '/CN=Applicant', `-${digest}`, '-out', join(work, `${digest}.csr`)]);
    expect(made.code).toBe(0);
    return readFile(join(work, `${digest}.csr`), 'utf8');
  }

  it('accepts RSA-2048 with exponent 65537 signed with SHA-256, SHA-512 or RSA-PSS with SHA-256', async () => {
    await expect(checkCsr(await csr(good))).resolves.toMatchObject({ modulusBits: 2048 });
    const sha512 = await rsaKeys(2048, 'SHA-512');
    await expect(checkCsr(await csr(sha512, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }))).resolves.toMatchObject({ modulusBits: 2048 });
    const pss = await rsaKeys(2048, 'SHA-256', 'RSA-PSS');
    await expect(checkCsr(await csr(pss, { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 }))).resolves.toMatchObject({ modulusBits: 2048 });
  });

  it('refuses a request signed with SHA-1, MD5, or RSA-PSS over SHA-1', async () => {
    const sha1 = await refusal(await csr(await rsaKeys(2048, 'SHA-1'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }));
    expect(sha1.code).toBe(PkiErrorCode.CsrSignatureAlgorithmWeak);
    expectBilingual(sha1, /подписан с SHA-1.*SHA-256/, /signed with SHA-1.*SHA-256/);

    const md5 = await refusal(await opensslCsr('md5'));
    expect(md5.code).toBe(PkiErrorCode.CsrSignatureAlgorithmWeak);
    expect(md5.message).toContain('MD5');

    const pssSha1 = await refusal(await csr(await rsaKeys(2048, 'SHA-1', 'RSA-PSS'), { name: 'RSA-PSS', hash: 'SHA-1', saltLength: 20 }));
    expect(pssSha1.code).toBe(PkiErrorCode.CsrSignatureAlgorithmWeak);
  });

  it('refuses a signature algorithm it does not accept, such as SHA-224', async () => {
    const sha224 = await refusal(await opensslCsr('sha224'));
    expect(sha224.code).toBe(PkiErrorCode.CsrSignatureAlgorithmNotSupported);
    expectBilingual(sha224, /1\.2\.840\.113549\.1\.1\.14.*SHA-256/, /not accepted.*SHA-256/);
  });

  it('refuses an RSA key under 2048 bits', async () => {
    const short = await refusal(await csr(await rsaKeys(1024)));
    expect(short.code).toBe(PkiErrorCode.WeakKey);
    expectBilingual(short, /RSA-1024.*RSA-2048/, /RSA-1024.*RSA-2048/);
    expect((await refusal(await csr(await rsaKeys(2047)))).code).toBe(PkiErrorCode.WeakKey);
  });

  it('refuses an RSA key whose public exponent is not 65537', async () => {
    for (const exponent of [3, 17, 65539]) {
      const error = await refusal(await csr(await rsaKeysWithExponent(exponent)));
      expect(error.code).toBe(PkiErrorCode.RsaExponentNotAllowed);
      expectBilingual(error, new RegExp(`экспонента ключа — ${exponent}; принимается только 65537`), new RegExp(`exponent is ${exponent}; only 65537`));
    }
  });

  it('refuses a key that is not RSA', async () => {
    const ec = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const error = await refusal(await csr(ec, { name: 'ECDSA', hash: 'SHA-256' }));
    expect(error.code).toBe(PkiErrorCode.KeyAlgorithmNotSupported);
    expectBilingual(error, /не RSA \(ec\)/, /not RSA \(ec\).*RSA-2048/);
  });

  it('refuses a request whose proof of possession fails: signed by another key, or altered after signing', async () => {
    const other = await rsaKeys(2048);
    const signedByAnother = await refusal(await csr({ publicKey: good.publicKey, privateKey: other.privateKey }));
    expect(signedByAnother.code).toBe(PkiErrorCode.CsrSignatureInvalid);
    expectBilingual(signedByAnother, /нет доказательства владения ключом/, /no proof of possession/);

    const der = Buffer.from(new x509.Pkcs10CertificateRequest(await csr(good)).rawData);
    const badSignature = Buffer.from(der);
    badSignature[badSignature.length - 5] ^= 0xff;
    expect((await refusal(badSignature)).code).toBe(PkiErrorCode.CsrSignatureInvalid);
    const alteredSubject = Buffer.from(der);
    const at = alteredSubject.indexOf(Buffer.from('Applicant'));
    alteredSubject[at] = 'B'.charCodeAt(0);
    expect((await refusal(alteredSubject)).code).toBe(PkiErrorCode.CsrSignatureInvalid);
  });

  it('refuses garbage as a malformed request', async () => {
    expect((await refusal('not a csr!')).code).toBe(PkiErrorCode.MalformedCsr);
    expect((await refusal(Buffer.from('3003020101', 'hex'))).code).toBe(PkiErrorCode.MalformedCsr);
  });
});
