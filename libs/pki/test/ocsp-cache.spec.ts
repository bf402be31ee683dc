import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import {
  CaKeyring,
  CertificateStatus,
  CertificateStatusSource,
  DEFAULT_CPS_URL,
  DEFAULT_USER_NOTICE,
  OcspResponder,
  OcspResponderOptions,
  buildNucCertificate,
  createCaHierarchy,
  normalizeSerial,
  nucValidity,
  resolvePkiOptions,
} from '@app/pki';
import { individual, newApplicant } from './support/applicant';
import { openssl } from './support/openssl';

const NONCE_OID = '1.3.6.1.5.5.7.48.1.2';
const MINUTE = 60_000;

/** Statuses held in memory, as the CA's table holds them; `reads` counts lookups. */
class StatusTable implements CertificateStatusSource {
  readonly revoked = new Map<string, { revokedAt: Date; reason: number }>();
  issued = new Set<string>();
  reads = 0;

  async statusOf(serial: string): Promise<CertificateStatus> {
    this.reads++;
    const s = normalizeSerial(serial);
    const revoked = this.revoked.get(s);
    if (revoked) return { status: 'revoked', serial: s, ...revoked };
    return this.issued.has(s) ? { status: 'good', serial: s } : { status: 'unknown', serial: s };
  }
}

interface ParsedResponse {
  status: 'good' | 'revoked' | 'unknown';
  producedAt: Date;
  nextUpdate?: Date;
  nonce?: string;
  verified: boolean;
}

describe('OCSP responses signed once and reused', () => {
  let ca: CaKeyring;
  let issuer: pkijs.Certificate;
  let certs: pkijs.Certificate[];
  let table: StatusTable;

  beforeAll(async () => {
    ca = await createCaHierarchy(resolvePkiOptions({ caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://pki.test', caKeyBits: { root: 2048, issuing: 2048 } }));
    issuer = pkijs.Certificate.fromBER(ca.issuing.rawData);
    const applicant = await newApplicant();
    const publicKey = new x509.Pkcs10CertificateRequest(applicant.authCsr).publicKey;
    const urls = { crl: 'http://pki.test/pki/crl', deltaCrl: 'http://pki.test/pki/crl/delta', ocsp: 'http://pki.test/pki/ocsp', issuingCert: 'http://pki.test/pki/ca/issuing.crt' };
    const issued = await Promise.all(
      [1, 2, 3].map(() =>
        buildNucCertificate({ kind: 'AUTH', identity: individual, publicKey, issuer: ca.issuing, issuerKey: ca.issuingKey, ...nucValidity(new Date(), 12), urls, policy: { cpsUrl: DEFAULT_CPS_URL, userNotice: DEFAULT_USER_NOTICE } }),
      ),
    );
    certs = issued.map((c) => pkijs.Certificate.fromBER(c.rawData));
  }, 60_000);

  beforeEach(() => {
    table = new StatusTable();
    table.issued = new Set(certs.slice(0, 2).map((c) => normalizeSerial(Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'))));
  });

  const serialOf = (cert: pkijs.Certificate) => normalizeSerial(Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'));

  async function requestFor(targets: pkijs.Certificate[], nonce?: Buffer): Promise<Buffer> {
    const request = new pkijs.OCSPRequest();
    for (const cert of targets) {
      const one = new pkijs.OCSPRequest();
      await one.createForCertificate(cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
      request.tbsRequest.requestList.push(...one.tbsRequest.requestList);
    }
    if (nonce) request.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: NONCE_OID, extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER() })];
    return Buffer.from(request.toSchema(true).toBER(false));
  }

  async function parse(der: Buffer): Promise<ParsedResponse[]> {
    const response = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
    const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes!.response.valueBlock.valueHexView);
    const verified = await basic.verify({ trustedCerts: [pkijs.Certificate.fromBER(ca.root.rawData)] });
    const nonce = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === NONCE_OID);
    return basic.tbsResponseData.responses.map((single) => ({
      status: (['good', 'revoked', 'unknown'] as const)[(single.certStatus as asn1js.BaseBlock).idBlock.tagNumber],
      producedAt: basic.tbsResponseData.producedAt,
      nextUpdate: single.nextUpdate,
      nonce: nonce ? Buffer.from((asn1js.fromBER(nonce.extnValue.valueBlock.valueHexView).result as asn1js.OctetString).valueBlock.valueHexView).toString('hex') : undefined,
      verified,
    }));
  }

  const responder = (options: OcspResponderOptions = {}) => new OcspResponder(ca, table, options);

  it('answers good, revoked and unknown from the cache, one signature per serial and status however many ask', async () => {
    const ocsp = responder();
    table.revoked.set(serialOf(certs[1]), { revokedAt: new Date('2026-02-01T10:00:00Z'), reason: 1 });
    const at = new Date();
    for (const [cert, expected] of [
      [certs[0], 'good'],
      [certs[1], 'revoked'],
      [certs[2], 'unknown'],
    ] as const) {
      const request = await requestFor([cert]);
      const before = ocsp.stats().signatures;
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => ocsp.answer(request, new Date(at.getTime() + i * 1000))));
      expect(new Set(answers.map((a) => a.der.toString('hex'))).size).toBe(1);
      expect(ocsp.stats().signatures - before).toBe(1);
      expect(answers.filter((a) => a.cached)).toHaveLength(49);
      const [parsed] = await parse(answers[49].der);
      expect(parsed).toMatchObject({ status: expected, verified: true });
      expect(parsed.nextUpdate === undefined).toBe(expected === 'unknown');
    }
    // Every answer read the status: that is what lets a cached response be trusted.
    expect(table.reads).toBe(150);
    expect(ocsp.stats()).toMatchObject({ signatures: 3, cacheHits: 147, cachedResponses: 3 });
  });

  it('reflects a revocation at once: the next request after it gets a newly signed revoked response', async () => {
    const ocsp = responder();
    const request = await requestFor([certs[0]]);
    const good = await ocsp.answer(request);
    await expect(ocsp.answer(request)).resolves.toMatchObject({ cached: true, der: good.der });
    table.revoked.set(serialOf(certs[0]), { revokedAt: new Date(), reason: 1 });
    const revoked = await ocsp.answer(request);
    expect(revoked.cached).toBe(false);
    expect((await parse(revoked.der))[0].status).toBe('revoked');
    await expect(ocsp.answer(request)).resolves.toMatchObject({ cached: true, der: revoked.der });
    expect(ocsp.stats().signatures).toBe(2);
  });

  it('prints the cached revoked answer as OpenSSL reads it', async () => {
    const ocsp = responder();
    table.revoked.set(serialOf(certs[1]), { revokedAt: new Date('2026-02-01T10:00:00Z'), reason: 1 });
    const request = await requestFor([certs[1]]);
    await ocsp.answer(request);
    const cached = await ocsp.answer(request);
    expect(cached.cached).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'pki-ocsp-'));
    try {
      await writeFile(join(dir, 'resp.der'), cached.der);
      await writeFile(join(dir, 'root.pem'), ca.root.toString('pem'));
      const text = await openssl(['ocsp', '-respin', join(dir, 'resp.der'), '-resp_text', '-CAfile', join(dir, 'root.pem')]);
      expect(text.stderr).toContain('Response verify OK');
      expect(text.stdout).toContain('Cert Status: revoked');
      expect(text.stdout).toContain('Revocation Reason: keyCompromise (0x1)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('signs a response again shortly before its nextUpdate', async () => {
    const ocsp = responder({ validityMs: 60 * MINUTE, refreshBeforeMs: 15 * MINUTE });
    const request = await requestFor([certs[0]]);
    const t0 = new Date();
    const first = await ocsp.answer(request, t0);
    await expect(ocsp.answer(request, new Date(t0.getTime() + 44 * MINUTE))).resolves.toMatchObject({ cached: true, der: first.der });
    const renewed = await ocsp.answer(request, new Date(t0.getTime() + 46 * MINUTE));
    expect(renewed.cached).toBe(false);
    expect(renewed.producedAt.getTime() - first.producedAt.getTime()).toBeGreaterThanOrEqual(45 * MINUTE);
    expect(renewed.nextUpdate!.getTime() - renewed.producedAt.getTime()).toBe(60 * MINUTE);
  });

  it('shares one signature among concurrent requests that miss the cache', async () => {
    const ocsp = responder();
    const request = await requestFor([certs[0]]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ocsp.answer(request)));
    expect(ocsp.stats().signatures).toBe(1);
    expect(new Set(answers.map((a) => a.der.toString('hex'))).size).toBe(1);
  });

  it('caches a request for several certificates by all their statuses', async () => {
    const ocsp = responder();
    const request = await requestFor([certs[0], certs[1], certs[2]]);
    const first = await ocsp.answer(request);
    expect((await parse(first.der)).map((r) => r.status)).toEqual(['good', 'good', 'unknown']);
    await expect(ocsp.answer(request)).resolves.toMatchObject({ cached: true });
    table.revoked.set(serialOf(certs[1]), { revokedAt: new Date(), reason: 4 });
    expect((await parse((await ocsp.answer(request)).der)).map((r) => r.status)).toEqual(['good', 'revoked', 'unknown']);
  });

  it('answers a nonce request from the cache without the nonce, unless a nonce budget is configured', async () => {
    const plain = await requestFor([certs[0]]);
    const withNonce = await requestFor([certs[0]], randomBytes(16));
    const ignoring = responder();
    const cached = await ignoring.answer(plain);
    const nonceAnswer = await ignoring.answer(withNonce);
    expect(nonceAnswer).toMatchObject({ cached: true, nonceEchoed: false, der: cached.der });
    expect((await parse(nonceAnswer.der))[0].nonce).toBeUndefined();

    const echoing = responder({ nonceSignaturesPerSecond: 2 });
    const at = new Date();
    const nonces = [randomBytes(16), randomBytes(16), randomBytes(16)];
    const answers = [];
    for (const nonce of nonces) answers.push(await echoing.answer(await requestFor([certs[0]], nonce), at));
    expect(answers.map((a) => a.nonceEchoed)).toEqual([true, true, false]);
    expect((await parse(answers[0].der))[0]).toMatchObject({ nonce: nonces[0].toString('hex'), verified: true, status: 'good' });
    expect((await parse(answers[1].der))[0].nonce).toBe(nonces[1].toString('hex'));
    // Over the budget: the ordinary response without a nonce (signed once, then cached).
    expect(answers[2].nonceEchoed).toBe(false);
    expect((await parse(answers[2].der))[0].nonce).toBeUndefined();
    // A second later the budget has refilled.
    await expect(echoing.answer(await requestFor([certs[0]], randomBytes(16)), new Date(at.getTime() + 1000))).resolves.toMatchObject({ nonceEchoed: true });
  });

  it('reuses statuses only when told to: a revocation elsewhere then shows within statusCacheMs, one through forget at once', async () => {
    const ocsp = responder({ statusCacheMs: 1000 });
    const request = await requestFor([certs[0]]);
    const t0 = new Date();
    for (let i = 0; i < 10; i++) await ocsp.answer(request, new Date(t0.getTime() + i * 10));
    expect(table.reads).toBe(1);
    table.revoked.set(serialOf(certs[0]), { revokedAt: t0, reason: 1 });
    // Revoked by another process: this one still holds "good" for up to a second.
    expect((await parse((await ocsp.answer(request, new Date(t0.getTime() + 500))).der))[0].status).toBe('good');
    expect((await parse((await ocsp.answer(request, new Date(t0.getTime() + 1000))).der))[0].status).toBe('revoked');
    // Revoked through this process (Pki.revoke calls forget): at once.
    const other = await requestFor([certs[1]]);
    expect((await parse((await ocsp.answer(other, t0)).der))[0].status).toBe('good');
    table.revoked.set(serialOf(certs[1]), { revokedAt: t0, reason: 1 });
    ocsp.forget(serialOf(certs[1]));
    expect((await parse((await ocsp.answer(other, new Date(t0.getTime() + 10))).der))[0].status).toBe('revoked');
  });

  it('answers a flood of made-up serials with at most unknownSignaturesPerSecond signatures, then tryLater', async () => {
    const ocsp = responder({ unknownSignaturesPerSecond: 5 });
    const template = pkijs.OCSPRequest.fromBER(new Uint8Array(await requestFor([certs[0]])));
    const madeUp = (i: number) => {
      template.tbsRequest.requestList[0].reqCert.serialNumber = new asn1js.Integer({ valueHex: Buffer.from(`7f${i.toString(16).padStart(30, '0')}`, 'hex') });
      return Buffer.from(template.toSchema(true).toBER(false));
    };
    const at = new Date();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await ocsp.answer(madeUp(i), at));
    expect(answers.map((a) => Boolean(a.tryLater))).toEqual([false, false, false, false, false, true, true, true]);
    expect(ocsp.stats().signatures).toBe(5);
    expect((await parse(answers[0].der))[0].status).toBe('unknown');
    expect(answers[7].der.toString('hex')).toBe('30030a0103'); // OCSPResponse { responseStatus tryLater }
    // Known serials are not held back, and a made-up serial already answered is served from the cache.
    const known = await ocsp.answer(await requestFor([certs[0]]), at);
    expect(known.tryLater).toBeFalsy();
    expect((await parse(known.der))[0].status).toBe('good');
    await expect(ocsp.answer(madeUp(0), at)).resolves.toMatchObject({ cached: true });
    expect((await ocsp.answer(madeUp(100), new Date(at.getTime() + 1000))).tryLater).toBeFalsy();
  });

  it('signs every response when the cache is off', async () => {
    const ocsp = responder({ cache: false });
    const request = await requestFor([certs[0]]);
    for (let i = 0; i < 3; i++) await ocsp.answer(request);
    expect(ocsp.stats()).toMatchObject({ signatures: 3, cacheHits: 0, cachedResponses: 0 });
  });

  it('keeps at most maxCachedResponses, dropping the least recently used', async () => {
    const ocsp = responder({ maxCachedResponses: 2 });
    const [a, b, c] = await Promise.all(certs.map((cert) => requestFor([cert])));
    await ocsp.answer(a);
    await ocsp.answer(b);
    await ocsp.answer(a); // a is now the most recent
    await ocsp.answer(c); // drops b
    expect(ocsp.stats().cachedResponses).toBe(2);
    await expect(ocsp.answer(a)).resolves.toMatchObject({ cached: true });
    await expect(ocsp.answer(b)).resolves.toMatchObject({ cached: false });
  });
});
