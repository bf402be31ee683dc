import 'reflect-metadata';
import { createPrivateKey, randomBytes, sign as rsaSign } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { LEGAL_ENTITY_PASSWORD_RULE, PKI, PKI_ENTITIES, PKI_MIGRATIONS, Pki, PkiErrorCode, PkiModule, VerifiedIdentity, generateKeys, installCertificates } from '@app/pki';
import { employee, firstHead, individual, newApplicant, pkcs8Of } from './support/applicant';
import { freePort, openssl, tool } from './support/openssl';

// Suffixed with the pid: another engineer's full test run must not drop this run's database.
const DB = `onboarding_spec_pki_http_${process.pid}`;
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const ROOT_DIR = join(__dirname, '..', '..', '..');
const PASSWORD = 'Secret123';

async function sql(statement: string): Promise<void> {
  const c = await createConnection(MYSQL);
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

function keyAgent(args: string[]) {
  return tool(process.execPath, ['-r', '@swc-node/register', 'libs/pki/src/key-agent/cli.ts', ...args], { cwd: ROOT_DIR });
}

describe('PkiModule over HTTP, checked with OpenSSL', () => {
  let app: INestApplication;
  let pki: Pki;
  let baseUrl: string;
  let work: string;
  const file = (name: string) => join(work, name);
  /** The individual's application, driven by the key agent CLI. */
  let number: string;
  let authSerial: string;
  let signSerial: string;

  beforeAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${DB}`);
    await sql(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    work = await mkdtemp(join(tmpdir(), 'pki-http-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    @Module({
      imports: [
        TypeOrmModule.forRoot({ type: 'mysql', ...MYSQL, username: MYSQL.user, database: DB, entities: PKI_ENTITIES, migrations: PKI_MIGRATIONS, migrationsRun: true, timezone: 'Z' }),
        PkiModule.forRootAsync({
          useFactory: () => ({
            caKeyEncryptionKey: randomBytes(32).toString('base64'),
            publicBaseUrl: baseUrl,
            caKeyBits: { root: 2048, issuing: 2048 },
          }),
        }),
      ],
    })
    class TestAppModule {}
    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(port, '127.0.0.1');
    pki = app.get<Pki>(PKI);
    await writeFile(file('root.pem'), (await request(baseUrl).get('/pki/ca/root.crt')).text);
    await writeFile(file('issuing.pem'), (await request(baseUrl).get('/pki/ca/issuing.crt')).text);
  }, 120_000);

  /** Fetches a CRL over HTTP, checks its content type, and saves it as name.der and name.pem. */
  async function savedCrl(path: string, name: string): Promise<void> {
    const res = await request(baseUrl).get(path).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pkix-crl');
    await writeFile(file(`${name}.der`), res.body as Buffer);
    expect((await openssl(['crl', '-inform', 'DER', '-in', file(`${name}.der`), '-out', file(`${name}.pem`)])).code).toBe(0);
  }

  afterAll(async () => {
    await app?.close();
    await sql(`DROP DATABASE IF EXISTS ${DB}`);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('publishes a root and an issuing CA certificate that OpenSSL chains', async () => {
    const res = await request(baseUrl).get('/pki/ca/root.crt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-pem-file');
    expect(res.text).toContain('-----BEGIN CERTIFICATE-----');
    const verify = await openssl(['verify', '-CAfile', file('root.pem'), file('issuing.pem')]);
    expect(verify.stdout).toContain(': OK');
  });

  it('takes a person from no keys to PKCS#12 files with the key agent', async () => {
    const dir = file('keys');
    const generated = await keyAgent(['generate', '--dir', dir, '--subject-type', 'individual']);
    expect(generated.code).toBe(0);
    const { authCsr, signCsr } = JSON.parse(generated.stdout) as { authCsr: string; signCsr: string };

    const created = await pki.applications.create({ requestId: 'agent-1', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr, signCsr });
    number = created.number;
    const early = await keyAgent(['install', '--dir', dir, '--application', number, '--api', baseUrl, '--password', PASSWORD]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('Пользователь идентифицирован центром регистрации');

    const pair = await pki.authority.issueForApplication(number);
    authSerial = pair.auth.serial;
    signSerial = pair.sign.serial;
    // Anyone with the number sees the status only; the holder of the AUTH key sees who and what was issued.
    const anyone = await request(baseUrl).get(`/api/v1/nuc/applications/${number}`);
    expect(anyone.body.statusTitle).toBe('Выпущены регистрационные свидетельства (сертификаты) по заявке');
    expect(Object.keys(anyone.body).sort()).toEqual(['history', 'number', 'status', 'statusTitle']);
    expect((await request(baseUrl).get(`/api/v1/nuc/applications/${number}/certificates`)).status).toBe(401);
    const authKey = createPrivateKey(await readFile(join(dir, 'auth.key'), 'utf8'));
    const forgedProof = rsaSign('sha256', Buffer.from(`nuc-access:${number}`), createPrivateKey({ key: await pkcs8Of((await newApplicant()).authKeys), format: 'der', type: 'pkcs8' }));
    expect((await request(baseUrl).get(`/api/v1/nuc/applications/${number}`).set('x-key-proof', forgedProof.toString('base64'))).body.iin).toBeUndefined();
    const proof = rsaSign('sha256', Buffer.from(`nuc-access:${number}`), authKey).toString('base64');
    const issued = await request(baseUrl).get(`/api/v1/nuc/applications/${number}`).set('x-key-proof', proof);
    expect(issued.body).toMatchObject({ iin: individual.iin, fullName: 'ТЕСТОВ ТЕСТ ТЕСТОВИЧ' });
    expect(issued.body.certificates.auth.serial).toBe(authSerial);

    const weak = await keyAgent(['install', '--dir', dir, '--application', number, '--api', baseUrl, '--password', 'alllowercase1']);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('Пароль должен содержать латинские буквы нижнего и верхнего регистров, а также цифры. Минимальная длина пароля: 8 символов.');

    const installed = await keyAgent(['install', '--dir', dir, '--application', number, '--api', baseUrl, '--password', PASSWORD]);
    expect(installed.code).toBe(0);
    expect(JSON.parse(installed.stdout)).toMatchObject({ status: 'INSTALLED', statusTitle: 'Сертификаты установлены' });
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.p12')).sort()).toEqual([`AUTH_RSA256_${authSerial}.p12`, `RSA256_${signSerial}.p12`].sort());
    expect(files).not.toContain('auth.key');

    const status = await request(baseUrl).get(`/api/v1/nuc/applications/${number}`);
    expect(status.body.history.map((h: { title: string }) => h.title)).toEqual([
      'Новая заявка',
      'Пользователь идентифицирован центром регистрации',
      'Заявка на подписи в ИС НУЦ',
      'Выпущены регистрационные свидетельства (сертификаты) по заявке',
      'Сертификаты установлены',
    ]);
  }, 60_000);

  it('refuses to install twice from a folder whose plain keys went into the containers', async () => {
    const again = await keyAgent(['install', '--dir', file('keys'), '--application', number, '--api', baseUrl, '--password', PASSWORD]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already installed?');
  });

  it('installs a legal entity’s encrypted keys under the legal-entity password rule', async () => {
    const dir = file('legal-keys');
    const { authCsr, signCsr } = await generateKeys(dir, 'legal_entity', 'key-file-pass');
    expect(await readFile(join(dir, 'auth.key'), 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const signingRight: VerifiedIdentity = { ...employee, role: 'signing_right' };
    const app = await pki.applications.create({ requestId: 'legal-agent', identity: signingRight, template: 'Юридическое лицо - Сотрудник организации', keyStorage: 'Персональный компьютер', authCsr, signCsr });
    await pki.applications.recordStatus(app.number, 'SIGNING' as never);
    await pki.authority.issueForApplication(app.number);
    const install = (password: string, keyPassword?: string) => installCertificates({ dir, applicationNumber: app.number, apiUrl: baseUrl, password, keyPassword });

    await expect(install('abc$123', 'key-file-pass')).rejects.toThrow(LEGAL_ENTITY_PASSWORD_RULE);
    await expect(install('abc#123')).rejects.toThrow(/KEY_AGENT_KEY_PASSWORD/);
    const result = await install('abc#123', 'key-file-pass');
    expect(result.statusTitle).toBe('Сертификаты установлены');
    const opened = await openssl(['pkcs12', '-in', result.containers.SIGN, '-passin', 'pass:abc#123', '-nokeys', '-clcerts']);
    expect(opened.stdout).toContain('OU = BIN040340001234');
    expect(await readdir(dir)).toContain('auth.key');
  }, 60_000);

  it('builds containers that openssl pkcs12 opens with the password and refuses without it', async () => {
    const p12 = join(work, 'keys', `AUTH_RSA256_${authSerial}.p12`);
    const opened = await openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nodes', '-out', file('auth-bundle.pem')]);
    expect(opened.code).toBe(0);
    const bundle = await readFile(file('auth-bundle.pem'), 'utf8');
    expect(bundle).toContain('-----BEGIN PRIVATE KEY-----');
    expect(bundle.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const info = await openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-info', '-noout']);
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    expect(info.stderr).toMatch(/MAC: sha256/);
    const wrong = await openssl(['pkcs12', '-in', p12, '-passin', 'pass:Wrong1234', '-nodes', '-noout']);
    expect(wrong.code).not.toBe(0);
    // Split the bundle into the leaf certificate and the key for the checks below.
    await openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-clcerts', '-nokeys', '-out', file('auth.pem')]);
    await openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes', '-out', file('auth.key')]);
    const sign12 = join(work, 'keys', `RSA256_${signSerial}.p12`);
    await openssl(['pkcs12', '-in', sign12, '-passin', `pass:${PASSWORD}`, '-clcerts', '-nokeys', '-out', file('sign.pem')]);
    await openssl(['pkcs12', '-in', sign12, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes', '-out', file('sign.key')]);
  });

  it('issues certificates that openssl verify accepts against the chain and the CRL', async () => {
    const chain = await openssl(['verify', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), file('auth.pem'), file('sign.pem')]);
    expect(chain.stdout).toContain(`${file('auth.pem')}: OK`);
    expect(chain.stdout).toContain(`${file('sign.pem')}: OK`);
    await savedCrl('/pki/crl', 'crl');
    const withCrl = await openssl(['verify', '-crl_check', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), '-CRLfile', file('crl.pem'), file('sign.pem')]);
    expect(withCrl.stdout).toContain(': OK');
    // The whole chain: the root's CRL says the issuing CA stands, the base and delta CRLs the certificate.
    await savedCrl('/pki/crl/root', 'root-crl');
    await savedCrl('/pki/crl/delta', 'delta-crl');
    const chainCrls = await openssl([
      'verify', '-crl_check_all', '-use_deltas', '-extended_crl', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'),
      '-CRLfile', file('crl.pem'), '-CRLfile', file('delta-crl.pem'), '-CRLfile', file('root-crl.pem'), file('sign.pem'),
    ]);
    expect(chainCrls.stdout).toContain(': OK');
  });

  it('answers good from the OCSP responder named in the certificate', async () => {
    const uri = (await openssl(['x509', '-in', file('auth.pem'), '-noout', '-ocsp_uri'])).stdout.trim();
    expect(uri).toBe(`${baseUrl}/pki/ocsp`);
    const res = await openssl(['ocsp', '-issuer', file('issuing.pem'), '-cert', file('auth.pem'), '-url', uri, '-CAfile', file('root.pem'), '-resp_text']);
    expect(res.stderr + res.stdout).toContain('Response verify OK');
    expect(res.stdout).toContain(`${file('auth.pem')}: good`);
  });

  it('answers unknown for a serial this CA never issued', async () => {
    const res = await openssl(['ocsp', '-issuer', file('issuing.pem'), '-serial', '0x1234abcd', '-url', `${baseUrl}/pki/ocsp`, '-CAfile', file('root.pem')]);
    expect(res.stdout).toContain('0x1234abcd: unknown');
  });

  it('answers a GET request per RFC 6960 appendix A', async () => {
    await openssl(['ocsp', '-issuer', file('issuing.pem'), '-cert', file('auth.pem'), '-no_nonce', '-reqout', file('req.der')]);
    const encoded = encodeURIComponent((await readFile(file('req.der'))).toString('base64'));
    const res = await request(baseUrl).get(`/pki/ocsp/${encoded}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/ocsp-response');
    await writeFile(file('resp.der'), res.body as Buffer);
    const text = await openssl(['ocsp', '-respin', file('resp.der'), '-resp_text', '-noverify']);
    expect(text.stdout).toContain('Cert Status: good');
    // RFC 5019 §6: cacheable by proxies until its nextUpdate; a repeat is the same signed response.
    expect(res.headers['cache-control']).toMatch(/^max-age=\d+, public, no-transform, must-revalidate$/);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers['cache-control'])?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(3600);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(new Date(res.headers['last-modified']).getTime()).toBeLessThanOrEqual(Date.now());
    const again = await request(baseUrl).get(`/pki/ocsp/${encoded}`).buffer(true).parse(binary);
    expect((again.body as Buffer).equals(res.body as Buffer)).toBe(true);
    expect(again.headers.etag).toBe(res.headers.etag);
  });

  it('rejects a malformed OCSP request with 400 and a malformedRequest response', async () => {
    const res = await request(baseUrl).post('/pki/ocsp').set('content-type', 'application/ocsp-request').send(Buffer.from('not der')).buffer(true).parse(binary);
    expect(res.status).toBe(400);
    expect((res.body as Buffer).toString('hex')).toBe('30030a0101');
  });

  it('accepts a CMS signature made by openssl cms with our certificate, attached and detached', async () => {
    const data = 'Подтверждаю заявку сотрудника';
    await writeFile(file('data.txt'), data);
    const attached = await openssl(['cms', '-sign', '-in', file('data.txt'), '-signer', file('auth.pem'), '-inkey', file('auth.key'), '-nodetach', '-outform', 'DER', '-out', file('attached.p7s')]);
    expect(attached.code).toBe(0);
    const verified = await pki.cms.verify({ signature: await readFile(file('attached.p7s')) });
    expect(verified).toMatchObject({ iin: individual.iin, bin: null, role: 'individual', certificateSerial: authSerial, certificateKind: 'AUTH', email: individual.email });
    expect(verified.validTo.getTime()).toBeGreaterThan(verified.validFrom.getTime());
    expect(verified.content.toString('utf8')).toBe(data);

    await openssl(['cms', '-sign', '-in', file('data.txt'), '-signer', file('sign.pem'), '-inkey', file('sign.key'), '-outform', 'PEM', '-out', file('detached.pem')]);
    const detached = await pki.cms.verify({ signature: await readFile(file('detached.pem'), 'utf8'), content: Buffer.from(data) });
    expect(detached.certificateKind).toBe('SIGN');
    await expect(pki.cms.verify({ signature: await readFile(file('detached.pem'), 'utf8'), content: Buffer.from(`${data}!`) })).rejects.toMatchObject({ code: PkiErrorCode.SignatureInvalid });

    await expect(pki.cms.verify({ signature: await readFile(file('attached.p7s')), content: Buffer.from('something else') })).rejects.toMatchObject({ code: PkiErrorCode.SignatureInvalid });

    await openssl(['cms', '-sign', '-keyid', '-in', file('data.txt'), '-signer', file('auth.pem'), '-inkey', file('auth.key'), '-nocerts', '-outform', 'DER', '-out', file('keyid.p7s')]);
    await expect(pki.cms.verify({ signature: await readFile(file('keyid.p7s')), content: Buffer.from(data) })).resolves.toMatchObject({ certificateSerial: authSerial });

    const tampered = await readFile(file('attached.p7s'));
    const at = tampered.indexOf(Buffer.from(data));
    tampered[at] ^= 0x01;
    await expect(pki.cms.verify({ signature: tampered })).rejects.toMatchObject({ code: PkiErrorCode.SignatureInvalid });
  });

  it('returns the first head’s IIN, BIN and role from their signature', async () => {
    const head = await newApplicant();
    const app = await pki.applications.create({ requestId: 'head', identity: firstHead, template: 'Юридическое лицо - Первый руководитель', keyStorage: 'Персональный компьютер', authCsr: head.authCsr, signCsr: head.signCsr });
    const pair = await pki.authority.issueForApplication(app.number);
    await writeFile(file('head-sign.pem'), pair.sign.pem);
    const key = (await pkcs8Of(head.signKeys)).toString('base64');
    await writeFile(file('head-sign.key'), `-----BEGIN PRIVATE KEY-----\n${key.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`);
    await writeFile(file('approval.json'), '{"approve":true}');
    await openssl(['cms', '-sign', '-in', file('approval.json'), '-signer', file('head-sign.pem'), '-inkey', file('head-sign.key'), '-binary', '-outform', 'DER', '-out', file('approval.p7s')]);
    const verified = await pki.cms.verify({ signature: await readFile(file('approval.p7s')), content: Buffer.from('{"approve":true}') });
    expect(verified).toMatchObject({ iin: firstHead.iin, bin: '040340001234', role: 'first_head', organizationName: 'АО «Национальные информационные технологии»' });
  });

  it('reports a revoked certificate as revoked through OCSP, the CRL and the signature verifier', async () => {
    // The responder has a signed "good" for it cached; the revocation must show at once all the same.
    const before = await openssl(['ocsp', '-issuer', file('issuing.pem'), '-cert', file('sign.pem'), '-url', `${baseUrl}/pki/ocsp`, '-CAfile', file('root.pem')]);
    expect(before.stdout).toContain(`${file('sign.pem')}: good`);
    await pki.revoke(signSerial, 'keyCompromise');
    const ocsp = await openssl(['ocsp', '-issuer', file('issuing.pem'), '-cert', file('sign.pem'), '-url', `${baseUrl}/pki/ocsp`, '-CAfile', file('root.pem')]);
    expect(ocsp.stdout).toContain(`${file('sign.pem')}: revoked`);
    expect(ocsp.stdout).toContain('Reason: keyCompromise');

    // The revocation is in the delta CRL at once; the base lists it from the next base on.
    await savedCrl('/pki/crl/delta', 'delta-crl2');
    const text = await openssl(['crl', '-inform', 'DER', '-in', file('delta-crl2.der'), '-noout', '-text', '-CAfile', file('issuing.pem')]);
    expect(text.stderr + text.stdout).toContain('verify OK');
    expect(text.stdout).toContain('X509v3 Delta CRL Indicator: critical');
    expect(text.stdout.toLowerCase()).toContain(signSerial.toLowerCase());
    const verify = await openssl([
      'verify', '-crl_check_all', '-use_deltas', '-extended_crl', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'),
      '-CRLfile', file('crl.pem'), '-CRLfile', file('delta-crl2.pem'), '-CRLfile', file('root-crl.pem'), file('sign.pem'),
    ]);
    expect(verify.code).not.toBe(0);
    expect(verify.stdout + verify.stderr).toContain('certificate revoked');

    await expect(pki.cms.verify({ signature: await readFile(file('detached.pem'), 'utf8'), content: Buffer.from('Подтверждаю заявку сотрудника') })).rejects.toMatchObject({
      code: PkiErrorCode.CertificateRevoked,
    });
  });

  it('answers bad input with 4xx and a message a person can act on', async () => {
    const malformed = await request(baseUrl).get('/api/v1/nuc/applications/12345');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('Номер заявки должен состоять из 14 цифр');
    const unknown = await request(baseUrl).get('/api/v1/nuc/applications/99999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(PkiErrorCode.ApplicationNotFound);
    const forged = await request(baseUrl).post(`/api/v1/nuc/applications/${number}/installation`).send({ proof: Buffer.from('nope').toString('base64') });
    expect(forged.status).toBe(403);
    const pending = await newApplicant();
    const app = await pki.applications.create({ requestId: 'pending', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: pending.authCsr, signCsr: pending.signCsr });
    const pendingProof = rsaSign('sha256', Buffer.from(`nuc-access:${app.number}`), createPrivateKey({ key: await pkcs8Of(pending.authKeys), format: 'der', type: 'pkcs8' }));
    const early = await request(baseUrl).get(`/api/v1/nuc/applications/${app.number}/certificates`).set('x-key-proof', pendingProof.toString('base64'));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe(PkiErrorCode.CertificatesNotIssued);
  });
});

/** supertest parser that keeps a binary body as a Buffer (the response object is the Node stream here). */
function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
